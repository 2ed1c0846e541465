import { scheduledJob } from '#jobs/scheduled-job.ts';
import { sweepDeadlines } from '#domain/deadlines/monitor-deadlines.ts';
import { monitorPorts } from '#adapters/effects-composition.ts';

/** Daily, 09:00 Asia/Almaty: every notice due and not yet sent (a lost schedule loses nothing). */
export const handler = scheduledJob('deadline-sweep', async () => sweepDeadlines(monitorPorts()));
