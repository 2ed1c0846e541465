import { httpRoute } from '#http/middleware/http-route.ts';
import { authorityPorts } from '#adapters/composition.ts';
import { caseListQuery } from './authority-case-params.ts';
import { cursorOf } from './params.ts';

/** GET /v1/qa-trainings?status=requested|scheduled|held (§19), newest first. */
export const handler = httpRoute({ route: 'list-qa-trainings', query: caseListQuery(['requested', 'scheduled', 'held'] as const) }, async ({ query: q }) => {
  const page = await authorityPorts.trainings.list({
    limit: q.limit,
    ...cursorOf(q.cursor),
    ...(q.bodyId === undefined ? {} : { bodyId: q.bodyId }),
    ...(q.status === undefined ? {} : { status: q.status }),
  });
  return { status: 200, body: page };
});
