import { httpRoute } from '#http/middleware/http-route.ts';
import { getReport } from '#domain/reports/manage-reports.ts';
import { inputCountsOf } from '#domain/reports/report.ts';
import { reportReadPorts } from '#adapters/reports-composition.ts';
import { reportIdParams, reportSummary } from './report-params.ts';

/**
 * GET /v1/reports/{reportId}: one version's metadata, its headline figures, its inputs' counts
 * and a link to each file (the inputs' snapshot among them) (the content itself is the JSON file: a month's is beyond a Lambda response's 6 MB).
 */
export const handler = httpRoute({ route: 'get-report', params: reportIdParams }, async ({ params, principal }) => {
  const { report, summary } = await getReport(params.reportId, principal, reportReadPorts);
  const listed = reportSummary(report);
  return {
    status: 200,
    body: {
      ...listed,
      files: listed.files.map((file) => ({ ...file, href: `/v1/reports/${report.reportId}/files/${file.format}` })),
      dueAt: report.dueAt,
      rulebookId: report.rulebookId,
      generatedBy: report.generatedBy,
      // The snapshot's ids are a file of their own (a month's are beyond any response): counts here.
      inputs: { counts: inputCountsOf(report), sha256: report.inputsSha256, href: `/v1/reports/${report.reportId}/files/inputs` },
      inputsSha256: report.inputsSha256,
      summary,
    },
  };
});
