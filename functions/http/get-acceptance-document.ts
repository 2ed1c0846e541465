import * as z from 'zod';
import { httpRoute } from '#commons/http.ts';
import { NotFoundError } from '#domain/errors.ts';
import { getAcceptance } from '#domain/acceptance/manage-acceptances.ts';
import { acceptancePorts } from '#adapters/composition.ts';
import { acceptanceIdParams } from './acceptance-step.ts';

const params = acceptanceIdParams.extend({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in hex') });

/** GET /v1/acceptances/{id}/documents/{sha256}: the signed document attached to the information. */
export const handler = httpRoute(
  { route: 'GET /v1/acceptances/{id}/documents/{sha256}', params },
  async ({ params: { id, sha256 }, principal }) => {
    const acceptance = await getAcceptance(id, principal!, acceptancePorts);
    const attached = acceptance.information?.document;
    const document = attached?.sha256 === sha256 ? await acceptancePorts.acceptances.getDocument(sha256) : undefined;
    if (attached === undefined || document === undefined) throw new NotFoundError(`No document ${sha256} on acceptance ${id}`);
    return {
      status: 200,
      binary: { base64: document.bytes.toString('base64'), contentType: attached.contentType, fileName: attached.fileName },
      headers: { 'repr-digest': `sha-256=:${Buffer.from(sha256, 'hex').toString('base64')}:` },
    };
  },
);
