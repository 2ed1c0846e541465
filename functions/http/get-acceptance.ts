import { etagOf } from '#http/middleware/conditional.ts';
import { httpRoute } from '#http/middleware/http-route.ts';
import { getAcceptance } from '#domain/acceptance/manage-acceptances.ts';
import { acceptancePorts } from '#adapters/composition.ts';
import { acceptanceIdParams } from './acceptance-step.ts';
import { acceptanceView } from './acceptance-view.ts';

/** GET /v1/acceptances/{id}: state, every deadline with its derivation, history, allowed actions. */
export const handler = httpRoute({ route: 'get-acceptance', params: acceptanceIdParams }, async ({ params, principal }) => {
  const acceptance = await getAcceptance(params.id, principal, acceptancePorts);
  return { status: 200, body: acceptanceView(acceptance), headers: { etag: etagOf(acceptance.version) } };
});
