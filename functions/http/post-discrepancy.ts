import { etagOf } from '#http/middleware/conditional.ts';
import { httpRoute } from '#http/middleware/http-route.ts';
import { registerDiscrepancySchema } from '#domain/authority/authority-cases.ts';
import { openDiscrepancy } from '#domain/authority/manage-authority-cases.ts';
import { authorityPorts } from '#adapters/composition.ts';

/** POST /v1/discrepancies (the quality authority, §20): a case of discrepancy; the UCC must explain it at once. */
export const handler = httpRoute({ route: 'post-discrepancy', body: registerDiscrepancySchema }, async ({ body, principal, idempotencyKey }) => {
  const discrepancy = await openDiscrepancy(body, principal, authorityPorts, idempotencyKey);
  return { status: 201, body: discrepancy, headers: { location: `/v1/discrepancies/${discrepancy.id}`, etag: etagOf(discrepancy.version) } };
});
