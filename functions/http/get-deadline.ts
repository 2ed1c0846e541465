import * as z from 'zod';
import { httpRoute } from '#http/middleware/http-route.ts';
import { MAX_PERIOD_DAYS } from '#domain/calendar/compute-deadline.ts';
import { calculateDeadline } from '#domain/calendar/calculate-deadline.ts';
import { calendarPorts } from '#adapters/composition.ts';

const days = z.coerce.number().int().min(1).max(MAX_PERIOD_DAYS);
const inCalendarRange = (instant: string): boolean => {
  const year = new Date(instant).getUTCFullYear();
  return year >= 2000 && year <= 2100;
};

const query = z
  .object({
    // An unencoded '+' in a query string arrives as a space: take it back as the offset sign.
    from: z.preprocess(
      (value) => (typeof value === 'string' ? value.replace(/ (\d{2}:?\d{2})$/, '+$1') : value),
      z.iso
        .datetime({ offset: true, error: 'must be an ISO-8601 date-time with an offset, e.g. 2026-03-20T15:00:00+05:00' })
        .refine(inCalendarRange, 'must be between the years 2000 and 2100'),
    ),
    workingDays: days.optional(),
    calendarDays: days.optional(),
    /** Civil Code: a calendar-day period ending on a day off ends on the next working day. */
    moveToWorkingDay: z.enum(['true', 'false']).default('true'),
  })
  .refine((value) => (value.workingDays === undefined) !== (value.calendarDays === undefined), {
    message: 'give exactly one of workingDays and calendarDays',
    path: ['workingDays'],
  });

/**
 * GET /v1/calendar/deadline?from=…&workingDays=N (or calendarDays=N): the due moment with its
 * derivation — which days were counted and which were skipped, and why.
 */
export const handler = httpRoute({ route: 'get-deadline', query }, async ({ query: { from, workingDays, calendarDays, moveToWorkingDay } }) => ({
  status: 200,
  body: await calculateDeadline(
    workingDays !== undefined
      ? { from, workingDays }
      : { from, calendarDays: calendarDays as number, moveToWorkingDay: moveToWorkingDay === 'true' },
    calendarPorts,
  ),
}));
