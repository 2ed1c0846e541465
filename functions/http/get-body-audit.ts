import { httpRoute } from '#http/middleware/http-route.ts';
import { listBodyAudit } from '#domain/directory/list-body-audit.ts';
import { directoryPorts } from '#adapters/composition.ts';
import { bodyIdParams, pageQuery } from './params.ts';

/** GET /v1/bodies/{id}/audit (admin): every change of the body record, who and when, before/after; 404 for no such body. */
export const handler = httpRoute(
  { route: 'get-body-audit', params: bodyIdParams, query: pageQuery },
  async ({ params, principal, query }) => ({ status: 200, body: await listBodyAudit(params.id, query, principal, directoryPorts) }),
);
