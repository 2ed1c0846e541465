import { httpRoute } from '#http/middleware/http-route.ts';
import { appointResponsiblePerson } from '#domain/directory/appoint-responsible-person.ts';
import { appointResponsiblePersonSchema } from '#domain/directory/responsible-person.ts';
import { systemClock } from '#adapters/clock.ts';
import { dynamoBodyStore } from '#adapters/body-store.ts';
import { dynamoCalendarStore } from '#adapters/calendar-store.ts';
import { dynamoResponsiblePersonStore } from '#adapters/responsible-person-store.ts';
import { bodyIdParams } from './params.ts';

/** POST /v1/bodies/{id}/responsible-persons: appoint (§5) or replace (§7, notice checked). */
export const handler = httpRoute(
  { route: 'post-responsible-person', params: bodyIdParams, body: appointResponsiblePersonSchema },
  async ({ params, body, principal }) => {
    const assignment = await appointResponsiblePerson(params.id, body, principal, {
      bodies: dynamoBodyStore,
      persons: dynamoResponsiblePersonStore,
      calendars: dynamoCalendarStore,
      clock: systemClock,
    });
    const { appliedEvents: _applied, ...shown } = assignment;
    return { status: 201, body: shown };
  },
);
