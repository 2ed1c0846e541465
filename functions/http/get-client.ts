import { httpRoute } from '#http/middleware/http-route.ts';
import { publicClient } from '#domain/clients/api-client.ts';
import { getClient } from '#domain/clients/manage-clients.ts';
import { clientPorts } from '#adapters/composition.ts';
import { clientIdParams } from './params.ts';

/** GET /v1/clients/{id} (admin). */
export const handler = httpRoute({ route: 'get-client', params: clientIdParams }, async ({ params }) => ({
  status: 200,
  body: publicClient(await getClient(params.id, clientPorts)),
}));
