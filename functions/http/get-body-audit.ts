import { httpRoute } from '#commons/http.ts';
import { listAuditEvents } from '#adapters/audit-log.ts';
import { bodyIdParams, cursorOf, pageQuery } from './params.ts';

/** GET /v1/bodies/{id}/audit (admin): every change of the body record, who and when, before/after. */
export const handler = httpRoute(
  { route: 'GET /v1/bodies/{id}/audit', params: bodyIdParams, query: pageQuery },
  async ({ params, query: { limit, cursor } }) => ({
    status: 200,
    body: await listAuditEvents('Body', params.id, { limit, ...cursorOf(cursor) }),
  }),
);
