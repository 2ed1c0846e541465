import * as z from 'zod';
import { etagOf, ifMatchVersion } from '#http/middleware/conditional.ts';
import { httpRoute } from '#http/middleware/http-route.ts';
import { approvePlan } from '#domain/plans/manage-plans.ts';
import { planPorts } from '#adapters/composition.ts';
import { planIdParams } from './plan-params.ts';

/** POST /v1/plans/{id}/approval (informatization authority, §3). */
export const handler = httpRoute(
  { route: 'post-plan-approval', params: planIdParams, body: z.strictObject({}).default({}) },
  async ({ params, principal, headers }) => {
    const plan = await approvePlan(params.id, ifMatchVersion(headers), principal, planPorts);
    return { status: 200, body: plan, headers: { etag: etagOf(plan.version) } };
  },
);
