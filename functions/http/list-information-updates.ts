import { httpRoute } from '#http/middleware/http-route.ts';
import { listUpdates } from '#domain/information/manage-information-updates.ts';
import { updatePorts } from '#adapters/composition.ts';
import { caseListQuery } from './authority-case-params.ts';
import { cursorOf } from './params.ts';

/** GET /v1/information-updates?bodyId=&status=submitted|registered|returned (§6), newest first; a body sees its own. */
export const handler = httpRoute(
  { route: 'list-information-updates', query: caseListQuery(['submitted', 'registered', 'returned'] as const) },
  async ({ query: q, principal }) => {
    const page = await listUpdates(
      { limit: q.limit, ...cursorOf(q.cursor), ...(q.bodyId === undefined ? {} : { bodyId: q.bodyId }), ...(q.status === undefined ? {} : { status: q.status }) },
      principal,
      updatePorts,
    );
    return { status: 200, body: page };
  },
);
