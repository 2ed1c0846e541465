import * as z from 'zod';
import { httpRoute } from '#http/middleware/http-route.ts';
import { ACCEPTANCE_STATUSES } from '#domain/acceptance/acceptance.ts';
import { listAcceptances } from '#domain/acceptance/manage-acceptances.ts';
import { acceptancePorts } from '#adapters/composition.ts';
import { acceptanceView } from './acceptance-view.ts';
import { pageQuery } from './params.ts';
import { bodyIdSchema } from '#domain/values.ts';

const query = pageQuery.extend({
  bodyId: bodyIdSchema.optional(),
  status: z.enum(ACCEPTANCE_STATUSES).optional(),
  overdue: z.enum(['true', 'false']).optional(),
});

/** GET /v1/acceptances?bodyId=&status=&overdue=true: cursor pagination; a body sees its own. */
export const handler = httpRoute({ route: 'list-acceptances', query }, async ({ query: { bodyId, status, overdue, limit, cursor }, principal }) => {
  const page = await listAcceptances({ limit, cursor, bodyId, status, overdue: overdue === 'true' }, principal, acceptancePorts);
  return { status: 200, body: { ...page, items: page.items.map(acceptanceView) } };
});
