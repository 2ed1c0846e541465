import { scheduledJob } from '#jobs/scheduled-job.ts';
import { startDueConsultations } from '#domain/acceptance/manage-acceptances.ts';
import { openPlannedAcceptances } from '#domain/plans/manage-plans.ts';
import { acceptancePorts, planPorts } from '#adapters/composition.ts';

/**
 * Daily, 08:00 Asia/Almaty: opens the acceptances whose plan date has come (§3–§4) and starts
 * consulting on those whose §9 start date has come. Both halves are idempotent and catch up on
 * days the job did not run.
 */
export const handler = scheduledJob('acceptance-daily', async () => {
  const opened = await openPlannedAcceptances(planPorts);
  const started = await startDueConsultations(acceptancePorts);
  return { opened, started };
});
