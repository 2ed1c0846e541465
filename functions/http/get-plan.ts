import { etagOf } from '#http/middleware/conditional.ts';
import { httpRoute } from '#http/middleware/http-route.ts';
import { getPlan } from '#domain/plans/manage-plans.ts';
import { planPorts } from '#adapters/composition.ts';
import { planIdParams } from './plan-params.ts';

/** GET /v1/plans/{id}: items (with their acceptances once opened) and every revision. */
export const handler = httpRoute({ route: 'get-plan', params: planIdParams }, async ({ params }) => {
  const plan = await getPlan(params.id, planPorts);
  return { status: 200, body: plan, headers: { etag: etagOf(plan.version) } };
});
