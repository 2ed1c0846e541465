import * as z from 'zod';
import { httpRoute } from '#http/middleware/http-route.ts';
import { listRequests } from '#domain/requests/manage-information-requests.ts';
import { requestPorts } from '#adapters/composition.ts';
import { informationRequestView } from './information-request-view.ts';
import { pageQuery } from './params.ts';
import { bodyIdSchema } from '#domain/values.ts';

const query = pageQuery.extend({
  bodyId: bodyIdSchema.optional(),
  status: z.enum(['open', 'answered', 'refused']).optional(),
});

/** GET /v1/information-requests?bodyId=&status=: newest first; a body sees its own. */
export const handler = httpRoute({ route: 'list-information-requests', query }, async ({ query: q, principal }) => {
  const page = await listRequests(q, principal, requestPorts);
  return { status: 200, body: { ...page, items: page.items.map(informationRequestView) } };
});
