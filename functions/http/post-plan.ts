import { etagOf } from '#http/middleware/conditional.ts';
import { httpRoute } from '#http/middleware/http-route.ts';
import { createPlanSchema } from '#domain/plans/plan.ts';
import { createPlan } from '#domain/plans/manage-plans.ts';
import { planPorts } from '#adapters/composition.ts';

/** POST /v1/plans (§3): a draft plan-schedule of services to accept for consultation. */
export const handler = httpRoute({ route: 'post-plan', body: createPlanSchema }, async ({ body, principal, idempotencyKey }) => {
  const { plan, created } = await createPlan(body, principal, planPorts, idempotencyKey);
  return { status: created ? 201 : 200, body: plan, headers: { location: `/v1/plans/${plan.id}`, etag: etagOf(plan.version) } };
});
