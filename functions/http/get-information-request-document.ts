import * as z from 'zod';
import { httpRoute } from '#http/middleware/http-route.ts';
import { requestDocument } from '#domain/requests/manage-information-requests.ts';
import { requestDocumentPorts } from '#adapters/documents-composition.ts';
import { informationRequestIdParams } from './information-request-view.ts';

const params = informationRequestIdParams.extend({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in hex') });

/** GET /v1/information-requests/{id}/documents/{sha256}: a document of the request, its answer or its refusal, read as the request is. */
export const handler = httpRoute({ route: 'get-information-request-document', params }, async ({ params: { id, sha256 }, principal }) => {
  const { bytes, meta } = await requestDocument(id, sha256, principal, requestDocumentPorts);
  return {
    status: 200,
    binary: { base64: bytes.toString('base64'), contentType: meta.contentType, fileName: meta.fileName },
    headers: { 'repr-digest': `sha-256=:${Buffer.from(sha256, 'hex').toString('base64')}:` },
  };
});
