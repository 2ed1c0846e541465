import { httpRoute } from '#http/middleware/http-route.ts';
import { publicClient } from '#domain/clients/api-client.ts';
import { dynamoClientStore } from '#adapters/client-store.ts';
import { cursorOf, pageQuery } from './params.ts';

/** GET /v1/clients (admin): API clients, oldest first; cursor pagination. */
export const handler = httpRoute({ route: 'list-clients', query: pageQuery }, async ({ query: { limit, cursor } }) => {
  const page = await dynamoClientStore.list({ limit, ...cursorOf(cursor) });
  return { status: 200, body: { ...page, items: page.items.map(publicClient) } };
});
