import { httpRoute } from '#http/middleware/http-route.ts';
import { listTrainings } from '#domain/authority/list-authority-cases.ts';
import { authorityPorts } from '#adapters/composition.ts';
import { caseListQuery } from './authority-case-params.ts';

/** GET /v1/qa-trainings?status=requested|scheduled|held (§19), newest first. */
export const handler = httpRoute({ route: 'list-qa-trainings', query: caseListQuery(['requested', 'scheduled', 'held'] as const) }, async ({ query: q }) => {
  return { status: 200, body: await listTrainings(q, authorityPorts) };
});
