import * as z from 'zod';
import { httpRoute } from '#http/middleware/http-route.ts';
import { NotFoundError } from '#domain/errors.ts';
import { getRequest } from '#domain/requests/manage-information-requests.ts';
import { requestDocumentPorts } from '#adapters/documents-composition.ts';
import { informationRequestIdParams } from './information-request-view.ts';

const params = informationRequestIdParams.extend({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in hex') });

/** GET /v1/information-requests/{id}/documents/{sha256}: a document of the request, its answer or its refusal, read as the request is. */
export const handler = httpRoute({ route: 'get-information-request-document', params }, async ({ params: { id, sha256 }, principal }) => {
  const request = await getRequest(id, principal, requestDocumentPorts);
  const named = [...request.attachments, ...(request.answer?.attachments ?? []), ...(request.refusal?.attachments ?? [])].find(
    (document) => document.sha256 === sha256,
  );
  const stored = named === undefined ? undefined : await requestDocumentPorts.documents.get(sha256);
  if (named === undefined || stored === undefined) throw new NotFoundError(`No document ${sha256} on information request ${id}`);
  return {
    status: 200,
    binary: { base64: stored.bytes.toString('base64'), contentType: named.contentType, fileName: named.fileName },
    headers: { 'repr-digest': `sha-256=:${Buffer.from(sha256, 'hex').toString('base64')}:` },
  };
});
