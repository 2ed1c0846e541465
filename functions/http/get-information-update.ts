import { etagOf } from '#http/middleware/conditional.ts';
import { httpRoute } from '#http/middleware/http-route.ts';
import { getUpdate } from '#domain/information/manage-information-updates.ts';
import { updatePorts } from '#adapters/composition.ts';
import { updateIdParams } from './information-update-params.ts';

/** GET /v1/information-updates/{id} (§6): the changes, the §6 check, the decision. */
export const handler = httpRoute({ route: 'get-information-update', params: updateIdParams }, async ({ params, principal }) => {
  const update = await getUpdate(params.id, principal, updatePorts);
  return { status: 200, body: update, headers: { etag: etagOf(update.version) } };
});
