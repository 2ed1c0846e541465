import type { AcceptancePorts } from '#domain/acceptance/manage-acceptances.ts';
import { dynamoAcceptanceStore } from '#adapters/acceptance-store.ts';
import { dynamoBodyStore } from '#adapters/body-store.ts';
import { dynamoCalendarStore } from '#adapters/calendar-store.ts';
import { systemClock } from '#adapters/clock.ts';

/** The adapters every acceptance handler and job passes to the use-cases. */
export const acceptancePorts: AcceptancePorts = {
  acceptances: dynamoAcceptanceStore,
  bodies: dynamoBodyStore,
  calendars: dynamoCalendarStore,
  clock: systemClock,
};
