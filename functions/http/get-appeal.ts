import * as z from 'zod';
import { httpRoute } from '#http/middleware/http-route.ts';
import { appealIdSchema } from '#domain/appeals/appeal.ts';
import { getAppeal } from '#domain/appeals/manage-appeals.ts';
import { appealPorts } from '#adapters/composition.ts';

const params = z.object({ id: appealIdSchema });

/** GET /v1/appeals/{id} (§13): the appellant's contact whole for the UCC and the quality authority, masked for a body. */
export const handler = httpRoute({ route: 'get-appeal', params }, async ({ params: { id }, principal }) => ({
  status: 200,
  body: await getAppeal(id, principal, appealPorts),
}));
