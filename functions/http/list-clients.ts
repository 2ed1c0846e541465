import { httpRoute } from '#http/middleware/http-route.ts';
import { listClients } from '#domain/clients/list-clients.ts';
import { clientPorts } from '#adapters/composition.ts';
import { pageQuery } from './params.ts';

/** GET /v1/clients (admin): API clients, oldest first; cursor pagination. */
export const handler = httpRoute({ route: 'list-clients', query: pageQuery }, async ({ query }) => ({
  status: 200,
  body: await listClients(query, clientPorts),
}));
