import * as z from 'zod';
import { httpRoute } from '#http/middleware/http-route.ts';
import { listDeadlines } from '#domain/deadlines/list-deadlines.ts';
import { deadlinePorts } from '#adapters/composition.ts';
import { pageQuery } from './params.ts';
import { bodyIdSchema } from '#domain/values.ts';

const query = pageQuery.extend({
  status: z.enum(['open', 'overdue', 'met', 'missed', 'cancelled']).default('open'),
  bodyId: bodyIdSchema.optional(),
  dueBefore: z.iso
    .datetime({ offset: true })
    .refine((instant) => Math.abs(new Date(instant).getUTCFullYear() - 2050) <= 50, 'must be between the years 2000 and 2100')
    .optional(),
});

/**
 * GET /v1/deadlines?status=open|overdue&bodyId=&dueBefore=: the operators' dashboard, soonest
 * first; `overdue` is open and past due, or already breached (a recorded breach stays listed even
 * if the clock is set back). A body-bound client sees only its own body's.
 */
export const handler = httpRoute({ route: 'list-deadlines', query }, async ({ query: q, principal }) => ({
  status: 200,
  body: await listDeadlines(q, principal, deadlinePorts()),
}));
