import { readFileSync } from 'node:fs';
import { httpRoute } from '#http/middleware/http-route.ts';
import { OPENAPI_DOCUMENT } from './routes.ts';

/**
 * The document `npm run openapi` generated (infra/openapi-document.ts): beside this module in the
 * source tree, and beside the deployed bundle, where the build copies the route's asset. Read as
 * text once per instance, served as it is: kept out of the bundle (~470 KiB more), never re-serialised.
 */
let document: string | undefined;
const documentText = (): string => (document ??= readFileSync(new URL(`./${OPENAPI_DOCUMENT.to}`, import.meta.url), 'utf8'));

/** GET /v1/openapi.json (public): the OpenAPI 3.1 document of this API. */
export const handler = httpRoute({ route: 'get-openapi' }, async () => ({
  status: 200,
  text: { body: documentText(), contentType: 'application/json; charset=utf-8' },
  headers: { 'cache-control': 'public, max-age=300' },
}));
