import { etagOf } from '#http/middleware/conditional.ts';
import { httpRoute } from '#http/middleware/http-route.ts';
import { getBody } from '#domain/directory/manage-bodies.ts';
import { directoryPorts } from '#adapters/composition.ts';
import { bodyIdParams } from './params.ts';

/** GET /v1/bodies/{id}: a body-bound client sees only its own body (another id: 404). */
export const handler = httpRoute({ route: 'get-body', params: bodyIdParams }, async ({ params, principal }) => {
  const body = await getBody(params.id, principal, directoryPorts);
  return { status: 200, body, headers: { etag: etagOf(body.version) } };
});
