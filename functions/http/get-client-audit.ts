import { httpRoute } from '#http/middleware/http-route.ts';
import { getClient } from '#domain/clients/manage-clients.ts';
import { listAuditEvents } from '#adapters/audit-log.ts';
import { dynamoClientStore } from '#adapters/client-store.ts';
import { clientIdParams, cursorOf, pageQuery } from './params.ts';

/** GET /v1/clients/{id}/audit (admin): creation, rotations and revocation of a client; 404 for no such client. */
export const handler = httpRoute(
  { route: 'get-client-audit', params: clientIdParams, query: pageQuery },
  async ({ params, query: { limit, cursor } }) => {
    await getClient(params.id, { clients: dynamoClientStore });
    return { status: 200, body: await listAuditEvents('ApiClient', params.id, { limit, ...cursorOf(cursor) }) };
  },
);
