import { httpRoute } from '#http/middleware/http-route.ts';
import { listCalendarYearAudit } from '#domain/calendar/list-calendar-year-audit.ts';
import { calendarPorts } from '#adapters/composition.ts';
import { calendarYearParams } from './calendar-params.ts';
import { pageQuery } from './params.ts';

/** GET /v1/calendars/KZ/{year}/audit (admin): who changed the year, when, and what. */
export const handler = httpRoute(
  { route: 'get-calendar-year-audit', params: calendarYearParams, query: pageQuery },
  async ({ params, query }) => ({ status: 200, body: await listCalendarYearAudit(params.year, query, calendarPorts) }),
);
