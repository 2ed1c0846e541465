import { httpRoute } from '#http/middleware/http-route.ts';
import { getReport } from '#domain/reports/manage-reports.ts';
import { reportReadPorts } from '#adapters/reports-composition.ts';
import { assertMayRead, reportIdParams, reportSummary, typeOfId } from './report-params.ts';

/** GET /v1/reports/{reportId}: one version with its JSON content and the snapshot of its inputs. */
export const handler = httpRoute({ route: 'GET /v1/reports/{reportId}', params: reportIdParams }, async ({ params, principal }) => {
  assertMayRead(principal?.role, typeOfId(params.reportId));
  const { report, content } = await getReport(params.reportId, reportReadPorts);
  return {
    status: 200,
    body: { ...reportSummary(report), dueAt: report.dueAt, rulebookId: report.rulebookId, generatedBy: report.generatedBy, inputs: report.inputs, inputsSha256: report.inputsSha256, content },
  };
});
