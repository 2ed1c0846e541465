import { scheduledJob } from '#jobs/scheduled-job.ts';
import { deliverReports } from '#domain/reports/manage-reports.ts';
import { deliveryPorts } from '#adapters/report-generation-composition.ts';

/**
 * Monthly, the 1st at 09:00 Asia/Almaty (§18: by the 5th): the complaints report of every month
 * owed since the last delivered, each generated and e-mailed to the quality authority once,
 * however often or concurrently the job runs.
 */
export const handler = scheduledJob('monthly-report', () => deliverReports('monthly-complaints', deliveryPorts()));
