import { scheduledJob } from '#jobs/scheduled-job.ts';
import { deliverReports } from '#domain/reports/manage-reports.ts';
import { deliveryPorts } from '#adapters/report-generation-composition.ts';

/**
 * Quarterly, 1 January/April/July/October at 09:00 Asia/Almaty (§14: within 10 calendar days):
 * the appeals report of every quarter owed, each generated and e-mailed to the informatization
 * authority once.
 */
export const handler = scheduledJob('quarterly-report', () => deliverReports('quarterly-appeals', deliveryPorts()));
