import { httpRoute } from '#commons/http.ts';
import { getBody } from '#domain/directory/manage-bodies.ts';
import { dynamoBodyStore } from '#adapters/body-store.ts';
import { dynamoResponsiblePersonStore } from '#adapters/responsible-person-store.ts';
import { bodyIdParams } from './params.ts';

/** GET /v1/bodies/{id}/compliance: the body's compliance record (§21): missed deadlines by rule. */
export const handler = httpRoute({ route: 'GET /v1/bodies/{id}/compliance', params: bodyIdParams }, async ({ params, principal }) => {
  await getBody(params.id, principal!, { bodies: dynamoBodyStore });
  const violations = await dynamoResponsiblePersonStore.listViolations(params.id);
  const byRule: Record<string, number> = {};
  for (const violation of violations) byRule[violation.rule] = (byRule[violation.rule] ?? 0) + 1;
  return { status: 200, body: { bodyId: params.id, violations: { total: violations.length, byRule, items: violations } } };
});
