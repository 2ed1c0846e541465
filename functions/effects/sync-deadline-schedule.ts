import { syncDeadlineSchedule as sync } from '#domain/deadlines/monitor-deadlines.ts';
import type { Effect } from './effect.ts';

/**
 * A notice was recorded (sent or skipped) or the deadline moved: its one-time schedule
 * (EventBridge Scheduler at(...)) follows the next notice, or is cancelled when none is left.
 */
export const syncDeadlineSchedule: Effect = {
  name: 'sync-deadline-schedule',
  cite: 'reminder the working day before, due-day morning, breach (§21), escalation (rulebook)',
  run: (event, ports) => sync(event.aggregateId, ports.monitor),
};
