import { httpRoute } from '#http/middleware/http-route.ts';
import { NotFoundError } from '#domain/errors.ts';
import { dynamoRecalculationStore } from '#adapters/recalculation-store.ts';
import { calendarYearParams } from './calendar-params.ts';

/** GET /v1/calendars/KZ/{year}/recalculation: how far the recount of open deadlines after the last change of the year is. */
export const handler = httpRoute(
  { route: 'get-calendar-recalculation', params: calendarYearParams },
  async ({ params }) => {
    const recalculation = await dynamoRecalculationStore.latest(params.year);
    if (recalculation === undefined) throw new NotFoundError(`No recalculation after a change of calendar year ${params.year}`);
    return { status: 200, body: recalculation };
  },
);
