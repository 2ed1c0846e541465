import * as z from 'zod';
import { etagOf, ifMatchVersion } from '#http/middleware/conditional.ts';
import { httpRoute } from '#http/middleware/http-route.ts';
import { logger } from '#commons/logger.ts';
import { replaceCalendarYear } from '#domain/calendar/replace-calendar-year.ts';
import { calendarPorts } from '#adapters/composition.ts';
import { calendarYearParams } from './calendar-params.ts';

/**
 * The use-case checks the entries against the year of the path (`body.entries[i].…`), so the route
 * only says a JSON object is required; the OpenAPI document shows the whole body (route-docs.ts).
 */
const yearBodySchema = z.looseObject({});

/** PUT /v1/calendars/KZ/{year} (admin): replaces a year; answers with the changed dates. */
export const handler = httpRoute(
  { route: 'put-calendar-year', params: calendarYearParams, body: yearBodySchema },
  async ({ params, body, principal, headers }) => {
    const result = await replaceCalendarYear(
      { year: params.year, body, actor: principal.clientId, ifMatch: ifMatchVersion(headers) },
      { store: calendarPorts.calendars, clock: calendarPorts.clock },
    );
    logger.info('calendar year replaced', { year: params.year, changedDates: result.changedDates.length });
    // Open deadlines are recounted off the request (effects); the progress is readable at once.
    const answer =
      result.changedDates.length === 0
        ? result
        : { ...result, recalculation: { status: 'queued', href: `/v1/calendars/KZ/${params.year}/recalculation` } };
    return { status: 200, body: answer, headers: { etag: etagOf(result.calendar.version) } };
  },
);
