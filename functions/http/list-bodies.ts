import * as z from 'zod';
import { httpRoute } from '#http/middleware/http-route.ts';
import { BODY_KINDS } from '#domain/directory/body.ts';
import { listBodies } from '#domain/directory/manage-bodies.ts';
import { directoryPorts } from '#adapters/composition.ts';
import { pageQuery } from './params.ts';

const query = pageQuery.extend({ kind: z.enum(BODY_KINDS).optional() });

/** GET /v1/bodies?kind=…&limit=…&cursor=…: the directory, by Russian name; cursor pagination. */
export const handler = httpRoute({ route: 'list-bodies', query }, async ({ query: { kind, limit, cursor }, principal }) => ({
  status: 200,
  body: await listBodies({ limit, cursor, kind }, principal, directoryPorts),
}));
