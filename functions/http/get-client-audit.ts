import { httpRoute } from '#http/middleware/http-route.ts';
import { listClientAudit } from '#domain/clients/list-client-audit.ts';
import { clientPorts } from '#adapters/composition.ts';
import { clientIdParams, pageQuery } from './params.ts';

/** GET /v1/clients/{id}/audit (admin): creation, rotations and revocation of a client; 404 for no such client. */
export const handler = httpRoute(
  { route: 'get-client-audit', params: clientIdParams, query: pageQuery },
  async ({ params, query }) => ({ status: 200, body: await listClientAudit(params.id, query, clientPorts) }),
);
