import { etagOf } from '#http/middleware/conditional.ts';
import { httpRoute } from '#http/middleware/http-route.ts';
import { createBody } from '#domain/directory/manage-bodies.ts';
import { createBodySchema } from '#domain/directory/body.ts';
import { systemClock } from '#adapters/clock.ts';
import { dynamoBodyStore } from '#adapters/body-store.ts';

/** POST /v1/bodies (admin): registers a participant (§2). A repeat of the same body answers 200. */
export const handler = httpRoute({ route: 'post-body', body: createBodySchema }, async ({ body, principal }) => {
  const result = await createBody(body, principal, { bodies: dynamoBodyStore, clock: systemClock });
  return {
    status: result.created ? 201 : 200,
    body: result.body,
    headers: { location: `/v1/bodies/${result.body.id}`, etag: etagOf(result.body.version) },
  };
});
