import { httpRoute } from '#http/middleware/http-route.ts';
import { reportReadPorts } from '#adapters/reports-composition.ts';
import { listReports } from '#domain/reports/manage-reports.ts';
import { pageQuery } from './params.ts';
import { periodOfType, periodSchema, reportSummary, reportTypeSchema } from './report-params.ts';

const query = pageQuery.extend({ type: reportTypeSchema, period: periodSchema.optional() }).superRefine(periodOfType);

/** GET /v1/reports?type=&period= (§18, §13–§14): the versions of a type's reports, newest first (by period, then version). */
export const handler = httpRoute({ route: 'list-reports', query }, async ({ query: q, principal }) => {
  const page = await listReports(q, principal, reportReadPorts);
  return { status: 200, body: { items: page.items.map(reportSummary), nextCursor: page.nextCursor } };
});
