import { closeTrackedDeadline } from '#domain/deadlines/monitor-deadlines.ts';
import type { Effect } from './effect.ts';

/** DeadlineClosed (met, missed or cancelled): no more notices, schedule cancelled. */
export const closeDeadline: Effect = {
  name: 'close-deadline',
  cite: '§5, §8: a deadline met or cancelled is no longer watched',
  async run(event, ports) {
    const data = event.data as { deadlineId?: string; status: 'met' | 'missed' | 'cancelled' };
    if (data.deadlineId === undefined) return;
    await closeTrackedDeadline(data.deadlineId, data.status, event.at, ports.monitor);
  },
};
