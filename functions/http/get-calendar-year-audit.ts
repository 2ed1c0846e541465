import { z } from 'zod';
import { httpRoute } from '#commons/http.ts';
import { listAuditEvents } from '#adapters/audit-log.ts';
import { calendarYearParams } from './calendar-params.ts';

const query = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().min(1).max(2048).optional(),
});

/** GET /v1/calendars/KZ/{year}/audit (admin): who changed the year, when, and what. */
export const handler = httpRoute(
  { route: 'GET /v1/calendars/KZ/{year}/audit', params: calendarYearParams, query },
  async ({ params, query: { limit, cursor } }) => ({
    status: 200,
    body: await listAuditEvents('CalendarYear', `KZ-${params.year}`, { limit, ...(cursor === undefined ? {} : { cursor }) }),
  }),
);
