import { etagOf, ifMatchVersion } from '#http/middleware/conditional.ts';
import { httpRoute } from '#http/middleware/http-route.ts';
import { explanationSchema } from '#domain/authority/authority-cases.ts';
import { explain } from '#domain/authority/manage-authority-cases.ts';
import { authorityDocumentPorts } from '#adapters/documents-composition.ts';
import { discrepancyIdParams } from './authority-case-params.ts';
import { MAX_REQUEST_BODY_BYTES } from './params.ts';

/** POST /v1/discrepancies/{id}/explanation (the UCC, §20): e-mailed to the quality authority with its documents. */
export const handler = httpRoute(
  { route: 'post-discrepancy-explanation', params: discrepancyIdParams, body: explanationSchema, maxBodyBytes: MAX_REQUEST_BODY_BYTES },
  async ({ params, body, principal, headers }) => {
    const discrepancy = await explain(params.id, body, ifMatchVersion(headers), principal, authorityDocumentPorts);
    return { status: 200, body: discrepancy, headers: { etag: etagOf(discrepancy.version) } };
  },
);
