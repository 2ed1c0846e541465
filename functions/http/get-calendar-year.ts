import { etagOf } from '#http/middleware/conditional.ts';
import { httpRoute } from '#http/middleware/http-route.ts';
import { loadCalendarYear } from '#domain/calendar/load-calendar-years.ts';
import { CalendarYearMissingError } from '#domain/calendar/working-calendar.ts';
import { dynamoCalendarStore } from '#adapters/calendar-store.ts';
import { calendarYearParams } from './calendar-params.ts';

/** GET /v1/calendars/KZ/{year}: the days off and transfers of one year, with their legal sources. */
export const handler = httpRoute({ route: 'get-calendar-year', params: calendarYearParams }, async ({ params }) => {
  const calendar = await loadCalendarYear(dynamoCalendarStore, params.year);
  if (calendar === undefined) throw new CalendarYearMissingError(params.year);
  return { status: 200, body: calendar, headers: { etag: etagOf(calendar.version) } };
});
