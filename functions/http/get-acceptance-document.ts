import * as z from 'zod';
import { httpRoute } from '#http/middleware/http-route.ts';
import { NotFoundError } from '#domain/errors.ts';
import { getAcceptance } from '#domain/acceptance/manage-acceptances.ts';
import { acceptanceDocumentPorts } from '#adapters/documents-composition.ts';
import { acceptanceIdParams } from './acceptance-step.ts';

const params = acceptanceIdParams.extend({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in hex') });

/** GET /v1/acceptances/{id}/documents/{sha256}: the signed document of the information, or a submitted form of its history. */
export const handler = httpRoute(
  { route: 'get-acceptance-document', params },
  async ({ params: { id, sha256 }, principal }) => {
    const acceptance = await getAcceptance(id, principal, acceptanceDocumentPorts);
    // The signed document of the latest information, or any submitted form (JSON) of its history.
    const attached = acceptance.information?.document;
    const named = attached?.sha256 === sha256 || (acceptance.submissions ?? []).some((entry) => entry.formSha256 === sha256);
    const document = named ? await acceptanceDocumentPorts.acceptances.getDocument(sha256) : undefined;
    if (document === undefined) throw new NotFoundError(`No document ${sha256} on acceptance ${id}`);
    const meta = attached?.sha256 === sha256 ? attached : document.meta;
    return {
      status: 200,
      binary: { base64: document.bytes.toString('base64'), contentType: meta.contentType, fileName: meta.fileName },
      headers: { 'repr-digest': `sha-256=:${Buffer.from(sha256, 'hex').toString('base64')}:` },
    };
  },
);
