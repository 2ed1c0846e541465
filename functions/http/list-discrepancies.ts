import { httpRoute } from '#http/middleware/http-route.ts';
import { listDiscrepancies } from '#domain/authority/list-authority-cases.ts';
import { authorityPorts } from '#adapters/composition.ts';
import { caseListQuery } from './authority-case-params.ts';

/** GET /v1/discrepancies?bodyId=&status=open|explained (§20), newest first. */
export const handler = httpRoute({ route: 'list-discrepancies', query: caseListQuery(['open', 'explained'] as const) }, async ({ query: q }) => {
  return { status: 200, body: await listDiscrepancies(q, authorityPorts) };
});
