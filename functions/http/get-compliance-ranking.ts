import { httpRoute } from '#http/middleware/http-route.ts';
import { complianceRanking } from '#domain/directory/compliance-record.ts';
import { compliancePorts } from '#adapters/composition.ts';
import { periodQuery } from './get-body-compliance.ts';

/** GET /v1/compliance?from=&to= (the quality authority, §21): bodies ranked by violations, missed deadlines, unlawful refusals. */
export const handler = httpRoute({ route: 'get-compliance-ranking', query: periodQuery }, async ({ query }) => ({
  status: 200,
  body: await complianceRanking(query, compliancePorts),
}));
