import { httpRoute } from '#http/middleware/http-route.ts';
import { revokeClient } from '#domain/clients/manage-clients.ts';
import { clientPorts } from '#adapters/composition.ts';
import { clientIdParams } from './params.ts';

/** DELETE /v1/clients/{id} (admin): revokes every key of the client; 204, also when repeated. */
export const handler = httpRoute({ route: 'delete-client', params: clientIdParams }, async ({ params, principal }) => {
  await revokeClient(params.id, principal, clientPorts);
  return { status: 204 };
});
