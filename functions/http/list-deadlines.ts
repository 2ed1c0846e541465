import * as z from 'zod';
import { httpRoute } from '#http/middleware/http-route.ts';
import { toAlmatyInstant } from '#domain/calendar/local-date.ts';
import { isBodyBound } from '#domain/access/body-access.ts';
import { deadlinePorts } from '#adapters/composition.ts';
import { cursorOf, pageQuery } from './params.ts';
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
export const handler = httpRoute({ route: 'list-deadlines', query }, async ({ query: q, principal }) => {
  let bodyId = q.bodyId;
  if (isBodyBound(principal)) {
    if (bodyId !== undefined && bodyId !== principal.bodyId) return { status: 200, body: { items: [] } };
    bodyId = principal.bodyId;
  }
  const ports = deadlinePorts();
  const now = toAlmatyInstant(ports.clock.now());
  const requested = q.dueBefore === undefined ? undefined : toAlmatyInstant(q.dueBefore);
  const page = await ports.deadlines.list({
    status: q.status === 'overdue' ? 'open' : q.status,
    limit: q.limit,
    ...cursorOf(q.cursor),
    ...(bodyId === undefined ? {} : { bodyId }),
    ...(requested === undefined ? {} : { dueBefore: requested }),
    ...(q.status === 'overdue' ? { overdueAt: now } : {}),
  });
  return { status: 200, body: page };
});
