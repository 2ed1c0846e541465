import * as z from 'zod';
import { httpRoute } from '#commons/http.ts';
import { countWorkingDays } from '#domain/calendar/compute-deadline.ts';
import { isIsoDate } from '#domain/calendar/local-date.ts';
import { loadWorkingCalendar } from '#domain/calendar/load-calendar-years.ts';
import { dynamoCalendarStore } from '#adapters/calendar-store.ts';

const date = z.string().refine(isIsoDate, 'must be a date YYYY-MM-DD');
const MAX_SPAN_DAYS = 3 * 366;

const query = z
  .object({ from: date, to: date })
  .refine((value) => value.from <= value.to, { message: 'must not be before from', path: ['to'] })
  .refine((value) => (Date.parse(value.to) - Date.parse(value.from)) / 86_400_000 <= MAX_SPAN_DAYS, {
    message: `the span must be at most ${MAX_SPAN_DAYS} days`,
    path: ['to'],
  });

/** GET /v1/calendar/working-days?from=YYYY-MM-DD&to=YYYY-MM-DD: count and list, both ends included. */
export const handler = httpRoute({ route: 'GET /v1/calendar/working-days', query }, async ({ query: { from, to } }) => {
  const calendar = await loadWorkingCalendar(dynamoCalendarStore);
  const { count, days } = countWorkingDays(from, to, calendar);
  return { status: 200, body: { from, to, count, days } };
});
