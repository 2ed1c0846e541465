import { etagOf } from '#http/middleware/conditional.ts';
import { httpRoute } from '#http/middleware/http-route.ts';
import { getCalendarYear } from '#domain/calendar/get-calendar-year.ts';
import { calendarPorts } from '#adapters/composition.ts';
import { calendarYearParams } from './calendar-params.ts';

/** GET /v1/calendars/KZ/{year}: the days off and transfers of one year, with their legal sources. */
export const handler = httpRoute({ route: 'get-calendar-year', params: calendarYearParams }, async ({ params }) => {
  const calendar = await getCalendarYear(params.year, calendarPorts);
  return { status: 200, body: calendar, headers: { etag: etagOf(calendar.version) } };
});
