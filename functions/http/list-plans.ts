import * as z from 'zod';
import { httpRoute } from '#http/middleware/http-route.ts';
import { cursorOf, pageQuery } from './params.ts';
import { planPorts } from '#adapters/composition.ts';

const query = pageQuery.extend({ status: z.enum(['draft', 'approved']).optional() });

/** GET /v1/plans?status=: plan-schedules, newest first, cursor pagination with or without a status. */
export const handler = httpRoute({ route: 'list-plans', query }, async ({ query: { status, limit, cursor } }) => ({
  status: 200,
  body: await planPorts.plans.list({ limit, ...cursorOf(cursor), ...(status === undefined ? {} : { status }) }),
}));
