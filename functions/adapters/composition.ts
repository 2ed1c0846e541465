import type { AcceptancePorts } from '#domain/acceptance/manage-acceptances.ts';
import type { MonitorPorts } from '#domain/deadlines/monitor-deadlines.ts';
import { dynamoAcceptanceStore } from './acceptance-store.ts';
import { dynamoBodyStore } from './body-store.ts';
import { dynamoCalendarStore } from './calendar-store.ts';
import { systemClock } from './clock.ts';
import { deadlineScheduler } from './deadline-scheduler.ts';
import { dynamoDeadlineStore } from './deadline-store.ts';
import { dynamoPlanStore } from './plan-store.ts';

/** The composition root: the adapters each group of use-cases receives as its ports. */
export const acceptancePorts: AcceptancePorts = {
  acceptances: dynamoAcceptanceStore,
  bodies: dynamoBodyStore,
  calendars: dynamoCalendarStore,
  clock: systemClock,
};

export const planPorts = { ...acceptancePorts, plans: dynamoPlanStore };

export const monitorPorts = (): MonitorPorts => ({
  ...acceptancePorts,
  deadlines: dynamoDeadlineStore,
  scheduler: deadlineScheduler(),
});
