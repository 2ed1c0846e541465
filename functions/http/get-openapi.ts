import { httpRoute } from '#commons/http.ts';
import document from './openapi.json' with { type: 'json' };

/**
 * GET /v1/openapi.json (public): the OpenAPI 3.1 document `npm run openapi` generated from the
 * route table and the handlers' zod schemas (infra/openapi-document.ts); bundled in, no I/O.
 */
export const handler = httpRoute({ route: 'GET /v1/openapi.json' }, async () => ({
  status: 200,
  body: document,
  headers: { 'cache-control': 'public, max-age=300' },
}));
