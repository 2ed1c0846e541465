import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { httpRoute } from '#http/middleware/http-route.ts';
import { API_REFERENCE_SCRIPT } from './routes.ts';

/**
 * Where the script is: beside the deployed bundle (index.mjs), where the build copies the route's
 * asset (infra/bundle-functions.ts), else in node_modules (the local stack runs the source).
 */
const CANDIDATES = [new URL(`./${API_REFERENCE_SCRIPT.to}`, import.meta.url), new URL(`../../${API_REFERENCE_SCRIPT.from}`, import.meta.url)];

interface Script {
  readonly text: string;
  readonly gzipBase64: string;
  readonly etag: string;
}

let script: Script | undefined;

/** Read and compressed once per instance (~0.3 s, paid by the first request only). */
function loadScript(): Script {
  if (script !== undefined) return script;
  const file = CANDIDATES.find((candidate) => existsSync(candidate));
  if (file === undefined) throw new Error(`The API reference script is missing (looked at ${CANDIDATES.map((candidate) => fileURLToPath(candidate)).join(', ')})`);
  const bytes = readFileSync(file);
  script = {
    text: bytes.toString('utf8'),
    gzipBase64: gzipSync(bytes).toString('base64'),
    etag: `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 22)}"`,
  };
  return script;
}

const acceptsGzip = (header: string | undefined): boolean =>
  (header ?? '').split(',').some((coding) => {
    const [name, ...parameters] = coding.trim().toLowerCase().split(';');
    return name === 'gzip' && !parameters.some((parameter) => /^\s*q=0(\.0*)?\s*$/.test(parameter));
  });

export const SCRIPT_CONTENT_TYPE = 'text/javascript; charset=utf-8';

/**
 * GET /docs/api-reference.js (public): Scalar's standalone browser bundle, from this origin.
 * Gzipped when the client accepts it (1.4 MB instead of 4.8 MB; base64 inside Lambda's 6 MB
 * response), identity otherwise (4.8 MB as text, not base64, fits too); 304 for the ETag the client holds.
 */
export const handler = httpRoute({ route: 'get-docs-script' }, async ({ headers }) => {
  const { text, gzipBase64, etag } = loadScript();
  const caching = { etag, 'cache-control': 'public, max-age=3600', vary: 'accept-encoding' };
  if (headers['if-none-match'] === etag) return { status: 304, headers: caching };
  if (acceptsGzip(headers['accept-encoding'])) {
    return { status: 200, binary: { base64: gzipBase64, contentType: SCRIPT_CONTENT_TYPE }, headers: { ...caching, 'content-encoding': 'gzip' } };
  }
  return { status: 200, text: { body: text, contentType: SCRIPT_CONTENT_TYPE }, headers: caching };
});
