import * as z from 'zod';
import { httpRoute } from '#http/middleware/http-route.ts';
import { pageQuery } from './params.ts';
import { listPlans } from '#domain/plans/list-plans.ts';
import { planPorts } from '#adapters/composition.ts';

const query = pageQuery.extend({ status: z.enum(['draft', 'approved']).optional() });

/** GET /v1/plans?status=: plan-schedules, newest first, cursor pagination with or without a status. */
export const handler = httpRoute({ route: 'list-plans', query }, async ({ query }) => ({
  status: 200,
  body: await listPlans(query, planPorts),
}));
