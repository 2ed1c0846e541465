import { httpRoute } from '#http/middleware/http-route.ts';
import { revokeClient } from '#domain/clients/manage-clients.ts';
import { systemClock } from '#adapters/clock.ts';
import { dynamoBodyStore } from '#adapters/body-store.ts';
import { dynamoClientStore } from '#adapters/client-store.ts';
import { clientIdParams } from './params.ts';

/** DELETE /v1/clients/{id} (admin): revokes every key of the client; 204, also when repeated. */
export const handler = httpRoute({ route: 'delete-client', params: clientIdParams }, async ({ params, principal }) => {
  await revokeClient(params.id, principal, { clients: dynamoClientStore, bodies: dynamoBodyStore, clock: systemClock });
  return { status: 204 };
});
