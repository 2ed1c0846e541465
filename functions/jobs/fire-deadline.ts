import { scheduledJob } from '#jobs/scheduled-job.ts';
import { FIRE_DEADLINE_JOB } from '#jobs/schedules.ts';
import { processDeadline } from '#domain/deadlines/monitor-deadlines.ts';
import { monitorPorts } from '#adapters/effects-composition.ts';

/** Target of the one-time schedules: sends the notices of one deadline that are due now. */
export const handler = scheduledJob(FIRE_DEADLINE_JOB, async (event) => {
  const deadlineId = (event as { deadlineId?: unknown }).deadlineId;
  if (typeof deadlineId !== 'string' || deadlineId.length === 0) throw new Error(`${FIRE_DEADLINE_JOB} needs a deadlineId`);
  return { deadlineId, sent: await processDeadline(deadlineId, monitorPorts()) };
});
