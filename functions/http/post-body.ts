import { etagOf } from '#http/middleware/conditional.ts';
import { httpRoute } from '#http/middleware/http-route.ts';
import { createBody } from '#domain/directory/manage-bodies.ts';
import { createBodySchema } from '#domain/directory/body.ts';
import { directoryPorts } from '#adapters/composition.ts';

/** POST /v1/bodies (admin): registers a participant (§2). A repeat of the same body answers 200. */
export const handler = httpRoute({ route: 'post-body', body: createBodySchema }, async ({ body, principal }) => {
  const result = await createBody(body, principal, directoryPorts);
  return {
    status: result.created ? 201 : 200,
    body: result.body,
    headers: { location: `/v1/bodies/${result.body.id}`, etag: etagOf(result.body.version) },
  };
});
