import { etagOf } from '#http/middleware/conditional.ts';
import { httpRoute } from '#http/middleware/http-route.ts';
import { getDiscrepancy } from '#domain/authority/manage-authority-cases.ts';
import { authorityPorts } from '#adapters/composition.ts';
import { discrepancyIdParams } from './authority-case-params.ts';

/** GET /v1/discrepancies/{id} (§20). */
export const handler = httpRoute({ route: 'get-discrepancy', params: discrepancyIdParams }, async ({ params }) => {
  const discrepancy = await getDiscrepancy(params.id, authorityPorts);
  return { status: 200, body: discrepancy, headers: { etag: etagOf(discrepancy.version) } };
});
