import * as z from 'zod';
import { httpRoute } from '#http/middleware/http-route.ts';
import { generateReport } from '#domain/reports/manage-reports.ts';
import { reportPorts } from '#adapters/report-generation-composition.ts';
import { periodOfType, periodSchema, reportSummary, reportTypeSchema } from './report-params.ts';

const body = z.strictObject({ type: reportTypeSchema, period: periodSchema }).superRefine(periodOfType);

/**
 * POST /v1/reports (UCC admin, Idempotency-Key): regenerates a period's report as a new version;
 * the old versions stay. 202 with the new version's id (reports-api.md). A regeneration is not a
 * delivery: the scheduled job sends each period once.
 */
export const handler = httpRoute({ route: 'post-report', body }, async ({ body: b, principal }) => {
  const report = await generateReport(b.type, b.period, principal.clientId, reportPorts);
  return { status: 202, body: reportSummary(report), headers: { location: `/v1/reports/${report.reportId}` } };
});
