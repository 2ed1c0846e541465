import { httpRoute } from '#http/middleware/http-route.ts';
import { listUpdates } from '#domain/information/manage-information-updates.ts';
import { updatePorts } from '#adapters/composition.ts';
import { caseListQuery } from './authority-case-params.ts';

/** GET /v1/information-updates?bodyId=&status=submitted|registered|returned (§6), newest first; a body sees its own. */
export const handler = httpRoute(
  { route: 'list-information-updates', query: caseListQuery(['submitted', 'registered', 'returned'] as const) },
  async ({ query: q, principal }) => {
    return { status: 200, body: await listUpdates(q, principal, updatePorts) };
  },
);
