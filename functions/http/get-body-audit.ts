import { httpRoute } from '#http/middleware/http-route.ts';
import { getBody } from '#domain/directory/manage-bodies.ts';
import { listAuditEvents } from '#adapters/audit-log.ts';
import { dynamoBodyStore } from '#adapters/body-store.ts';
import { bodyIdParams, cursorOf, pageQuery } from './params.ts';

/** GET /v1/bodies/{id}/audit (admin): every change of the body record, who and when, before/after; 404 for no such body. */
export const handler = httpRoute(
  { route: 'get-body-audit', params: bodyIdParams, query: pageQuery },
  async ({ params, principal, query: { limit, cursor } }) => {
    await getBody(params.id, principal, { bodies: dynamoBodyStore });
    return { status: 200, body: await listAuditEvents('Body', params.id, { limit, ...cursorOf(cursor) }) };
  },
);
