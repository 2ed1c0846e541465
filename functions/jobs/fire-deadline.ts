import { scheduledJob } from '#jobs/scheduled-job.ts';
import { processDeadline } from '#domain/deadlines/monitor-deadlines.ts';
import { monitorPorts } from '#adapters/effects-composition.ts';

/** Target of the one-time schedules: sends the notices of one deadline that are due now. */
export const handler = scheduledJob('fire-deadline', async (event) => {
  const deadlineId = (event as { deadlineId?: unknown }).deadlineId;
  if (typeof deadlineId !== 'string' || deadlineId.length === 0) throw new Error('fire-deadline needs a deadlineId');
  return { deadlineId, sent: await processDeadline(deadlineId, monitorPorts()) };
});
