import * as z from 'zod';
import { httpRoute } from '#http/middleware/http-route.ts';
import { complaintDocument } from '#domain/complaints/manage-complaints.ts';
import { complaintDocumentPorts } from '#adapters/documents-composition.ts';
import { complaintIdParams } from './complaint-view.ts';

const params = complaintIdParams.extend({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in hex') });

/** GET /v1/complaints/{id}/documents/{sha256}: the signed complaint (UCC and quality authority) or a document of its outcome. */
export const handler = httpRoute({ route: 'get-complaint-document', params }, async ({ params: { id, sha256 }, principal }) => {
  const { document, bytes } = await complaintDocument(id, sha256, principal, complaintDocumentPorts);
  return {
    status: 200,
    binary: { base64: bytes.toString('base64'), contentType: document.contentType, fileName: document.fileName },
    headers: { 'repr-digest': `sha-256=:${Buffer.from(sha256, 'hex').toString('base64')}:` },
  };
});
