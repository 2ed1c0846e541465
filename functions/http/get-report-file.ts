import { httpRoute, type HttpResponse } from '#http/middleware/http-route.ts';
import { reportFile } from '#domain/reports/manage-reports.ts';
import { reportReadPorts } from '#adapters/reports-composition.ts';
import { reportFileParams } from './report-params.ts';

/** GET /v1/reports/{reportId}/files/{format}: the XLSX, CSV or JSON file, or the inputs' snapshot (over 4 MiB: 303 to a 15-minute link); its ETag is its SHA-256. */
export const handler = httpRoute({ route: 'get-report-file', params: reportFileParams }, async ({ params, principal }): Promise<HttpResponse> => {
  const { file, bytes, link } = await reportFile(params.reportId, params.format, principal, reportReadPorts);
  // Too large for a Lambda response: a short-lived link to the object.
  if (link !== undefined) return { status: 303, headers: { location: link, etag: `"${file.sha256}"` } };
  return {
    status: 200,
    binary: { base64: bytes.toString('base64'), contentType: file.contentType, fileName: file.fileName },
    headers: { etag: `"${file.sha256}"`, 'repr-digest': `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:` },
  };
});
