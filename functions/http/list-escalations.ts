import * as z from 'zod';
import { httpRoute } from '#http/middleware/http-route.ts';
import { listEscalations } from '#domain/requests/manage-information-requests.ts';
import { requestPorts } from '#adapters/composition.ts';
import { pageQuery } from './params.ts';
import { bodyIdSchema } from '#domain/values.ts';

const query = pageQuery.extend({
  bodyId: bodyIdSchema.optional(),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM').optional(),
});

/** GET /v1/escalations?bodyId=&month=: §12 escalations, newest month first; a body sees its own. */
export const handler = httpRoute({ route: 'list-escalations', query }, async ({ query: q, principal }) => {
  return { status: 200, body: await listEscalations(q, principal, requestPorts) };
});
