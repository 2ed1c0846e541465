import { httpRoute } from '#http/middleware/http-route.ts';
import { createClientSchema, publicClient } from '#domain/clients/api-client.ts';
import { createClient } from '#domain/clients/manage-clients.ts';
import { clientPorts } from '#adapters/composition.ts';

/** POST /v1/clients (admin): 201 with the key, shown this once and stored only as a hash. */
export const handler = httpRoute({ route: 'post-client', body: createClientSchema }, async ({ body, principal, idempotencyKey }) => {
  const { client, key } = await createClient(body, principal, clientPorts, idempotencyKey);
  return {
    status: key === undefined ? 200 : 201,
    body: { ...publicClient(client), key },
    headers: { location: `/v1/clients/${client.id}` },
  };
});
