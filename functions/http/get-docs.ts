import { httpRoute } from '#http/middleware/http-route.ts';

/**
 * The reference page's Scalar configuration: the document from this origin, the Bearer scheme
 * preselected for "try it" (its "Test Request" takes the key), held in the page's memory only
 * (persistAuth: false), no fonts or telemetry from elsewhere.
 */
const CONFIGURATION = {
  url: '/v1/openapi.json',
  authentication: { preferredSecurityScheme: 'apiKey' },
  persistAuth: false,
  withDefaultFonts: false,
  telemetry: false,
  // No hosted extras on a page for state bodies' integrators: the AI agent and the developer toolbar call Scalar's services.
  agent: { disabled: true },
  showDeveloperTools: 'never',
};

const escapeAttribute = (value: string): string => value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');

/** Scalar renders with Vue (innerHTML, so no Trusted Types) and injects its styles inline. */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const DOCS_PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>UCC Interop API reference</title>
  </head>
  <body>
    <noscript>The API reference needs JavaScript; the document itself is at <a href="/v1/openapi.json">/v1/openapi.json</a>.</noscript>
    <script id="api-reference" data-url="/v1/openapi.json" data-configuration="${escapeAttribute(JSON.stringify(CONFIGURATION))}"></script>
    <script src="/docs/api-reference.js"></script>
  </body>
</html>
`;

/**
 * GET /docs (public): the API reference page. Everything it loads comes from this origin (the
 * script from GET /docs/api-reference.js, the document from GET /v1/openapi.json), which its CSP
 * enforces: scripts and connections to 'self' only; inline styles, which Scalar injects.
 */
export const handler = httpRoute(
  {
    route: 'get-docs',
    // The page's own CSP (below) instead of middy's `default-src 'none'; sandbox; trusted-types 'none'`.
    securityHeaders: { contentSecurityPolicy: false },
  },
  async () => ({
    status: 200,
    text: { body: DOCS_PAGE, contentType: 'text/html; charset=utf-8' },
    headers: { 'cache-control': 'public, max-age=300', 'content-security-policy': DOCS_CSP },
  }),
);
