import type { DeadlineRecord } from '#domain/acceptance/acceptance.ts';
import { trackDeadline as track } from '#domain/deadlines/monitor-deadlines.ts';
import type { DeadlineSubject, MonitoredDeadline } from '#domain/deadlines/monitored-deadline.ts';
import type { Effect } from './effect.ts';

/** DeadlineOpened: the deadline comes under the monitor's watch, with its one-time schedule. */
export const trackDeadline: Effect = {
  name: 'track-deadline',
  cite: '§5 (2 + 3 working days), §8 (5 working days), §14 and §18 (the reports): reminders, breach, escalation',
  async run(event, ports) {
    const data = event.data as { deadline?: DeadlineRecord; subject?: DeadlineSubject; stages?: MonitoredDeadline['stages'] };
    if (data.deadline === undefined || data.subject === undefined) return;
    await track(data.deadline, data.subject, event.at, ports.monitor, data.stages);
  },
};
