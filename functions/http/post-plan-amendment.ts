import { etagOf, ifMatchVersion } from '#http/middleware/conditional.ts';
import { httpRoute } from '#http/middleware/http-route.ts';
import { amendPlanSchema } from '#domain/plans/plan.ts';
import { amendPlan } from '#domain/plans/manage-plans.ts';
import { planPorts } from '#adapters/composition.ts';
import { planIdParams } from './plan-params.ts';

/** POST /v1/plans/{id}/amendments: add, remove or reschedule items, as a new revision. */
export const handler = httpRoute(
  { route: 'post-plan-amendment', params: planIdParams, body: amendPlanSchema },
  async ({ params, body, principal, headers }) => {
    const plan = await amendPlan(params.id, body, ifMatchVersion(headers), principal, planPorts);
    return { status: 200, body: plan, headers: { etag: etagOf(plan.version) } };
  },
);
