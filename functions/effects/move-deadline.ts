import type { DeadlineRecord } from '#domain/acceptance/acceptance.ts';
import { moveTrackedDeadline } from '#domain/deadlines/monitor-deadlines.ts';
import type { Effect } from './effect.ts';

/** DeadlineMoved (a calendar change moved it): new notice times, and the party told of the new date. */
export const moveDeadline: Effect = {
  name: 'move-deadline',
  cite: 'working days per the calendar in force (Law "On holidays" Art. 5; government transfers)',
  async run(event, ports) {
    const data = event.data as { deadline: DeadlineRecord; previousDueAt: string; sourceVersion?: number };
    await moveTrackedDeadline(data.deadline, data.previousDueAt, data.sourceVersion, ports.monitor);
  },
};
