import { etagOf } from '#http/middleware/conditional.ts';
import { httpRoute } from '#http/middleware/http-route.ts';
import { submitUpdateSchema } from '#domain/information/information-update.ts';
import { submitUpdate } from '#domain/information/manage-information-updates.ts';
import { updatePorts } from '#adapters/composition.ts';

/** POST /v1/information-updates (the body, §6): what changed in a registered service's information, and when. */
export const handler = httpRoute({ route: 'post-information-update', body: submitUpdateSchema }, async ({ body, principal, idempotencyKey }) => {
  const update = await submitUpdate(body, principal, updatePorts, idempotencyKey);
  return { status: 201, body: update, headers: { location: `/v1/information-updates/${update.id}`, etag: etagOf(update.version) } };
});
