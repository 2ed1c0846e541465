import { httpRoute } from '#commons/http.ts';
import { listAuditEvents } from '#adapters/audit-log.ts';
import { clientIdParams, cursorOf, pageQuery } from './params.ts';

/** GET /v1/clients/{id}/audit (admin): creation, rotations and revocation of a client. */
export const handler = httpRoute(
  { route: 'GET /v1/clients/{id}/audit', params: clientIdParams, query: pageQuery },
  async ({ params, query: { limit, cursor } }) => ({
    status: 200,
    body: await listAuditEvents('ApiClient', params.id, { limit, ...cursorOf(cursor) }),
  }),
);
