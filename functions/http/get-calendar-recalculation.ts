import { httpRoute } from '#http/middleware/http-route.ts';
import { getCalendarRecalculation } from '#domain/deadlines/get-calendar-recalculation.ts';
import { calendarPorts } from '#adapters/composition.ts';
import { calendarYearParams } from './calendar-params.ts';

/** GET /v1/calendars/KZ/{year}/recalculation: how far the recount of open deadlines after the last change of the year is. */
export const handler = httpRoute(
  { route: 'get-calendar-recalculation', params: calendarYearParams },
  async ({ params }) => ({ status: 200, body: await getCalendarRecalculation(params.year, calendarPorts) }),
);
