import * as z from 'zod';
import { httpRoute } from '#http/middleware/http-route.ts';
import { acceptanceDocument } from '#domain/acceptance/manage-acceptances.ts';
import { acceptanceDocumentPorts } from '#adapters/documents-composition.ts';
import { acceptanceIdParams } from './acceptance-step.ts';

const params = acceptanceIdParams.extend({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in hex') });

/** GET /v1/acceptances/{id}/documents/{sha256}: the signed document of the information, or a submitted form of its history. */
export const handler = httpRoute(
  { route: 'get-acceptance-document', params },
  async ({ params: { id, sha256 }, principal }) => {
    const { bytes, meta } = await acceptanceDocument(id, sha256, principal, acceptanceDocumentPorts);
    return {
      status: 200,
      binary: { base64: bytes.toString('base64'), contentType: meta.contentType, fileName: meta.fileName },
      headers: { 'repr-digest': `sha-256=:${Buffer.from(sha256, 'hex').toString('base64')}:` },
    };
  },
);
