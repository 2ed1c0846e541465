import * as z from 'zod';
import { httpRoute } from '#http/middleware/http-route.ts';
import { listWorkingDays } from '#domain/calendar/list-working-days.ts';
import { calendarPorts } from '#adapters/composition.ts';
import { isoDateSchema } from '#domain/values.ts';

const MAX_SPAN_DAYS = 3 * 366;

const query = z
  .object({ from: isoDateSchema, to: isoDateSchema })
  .refine((value) => value.from <= value.to, { message: 'must not be before from', path: ['to'] })
  .refine((value) => (Date.parse(value.to) - Date.parse(value.from)) / 86_400_000 <= MAX_SPAN_DAYS, {
    message: `the span must be at most ${MAX_SPAN_DAYS} days`,
    path: ['to'],
  });

/** GET /v1/calendar/working-days?from=YYYY-MM-DD&to=YYYY-MM-DD: count and list, both ends included. */
export const handler = httpRoute({ route: 'get-working-days', query }, async ({ query: { from, to } }) => ({
  status: 200,
  body: await listWorkingDays(from, to, calendarPorts),
}));
