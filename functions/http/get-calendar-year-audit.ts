import { httpRoute } from '#http/middleware/http-route.ts';
import { listAuditEvents } from '#adapters/audit-log.ts';
import { calendarYearParams } from './calendar-params.ts';
import { cursorOf, pageQuery } from './params.ts';

/** GET /v1/calendars/KZ/{year}/audit (admin): who changed the year, when, and what. */
export const handler = httpRoute(
  { route: 'get-calendar-year-audit', params: calendarYearParams, query: pageQuery },
  async ({ params, query: { limit, cursor } }) => ({
    status: 200,
    body: await listAuditEvents('CalendarYear', `KZ-${params.year}`, { limit, ...cursorOf(cursor) }),
  }),
);
