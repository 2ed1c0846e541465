import { httpRoute } from '#http/middleware/http-route.ts';
import { publicClient, rotateKeySchema } from '#domain/clients/api-client.ts';
import { rotateClientKey } from '#domain/clients/manage-clients.ts';
import { clientPorts } from '#adapters/composition.ts';
import { clientIdParams } from './params.ts';

/** POST /v1/clients/{id}/keys (admin): rotates the key; `graceHours` keeps the old one working a while. */
export const handler = httpRoute(
  { route: 'post-client-key', params: clientIdParams, body: rotateKeySchema },
  async ({ params, body, principal }) => {
    const { client, key } = await rotateClientKey({ id: params.id, graceHours: body.graceHours }, principal, clientPorts);
    return { status: 201, body: { ...publicClient(client), key } };
  },
);
