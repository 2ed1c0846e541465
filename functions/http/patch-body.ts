import * as z from 'zod';
import { etagOf, ifMatchVersion } from '#http/middleware/conditional.ts';
import { httpRoute } from '#http/middleware/http-route.ts';
import { updateBody } from '#domain/directory/manage-bodies.ts';
import { directoryPorts } from '#adapters/composition.ts';
import { bodyIdParams } from './params.ts';

/** PATCH /v1/bodies/{id}: JSON Merge Patch (RFC 7396) of names, e-mail, head, region, language. */
export const handler = httpRoute(
  { route: 'patch-body', params: bodyIdParams, body: z.unknown() },
  async ({ params, body, principal, headers }) => {
    const updated = await updateBody(
      { id: params.id, patch: body, ifMatch: ifMatchVersion(headers) },
      principal,
      directoryPorts,
    );
    return { status: 200, body: updated, headers: { etag: etagOf(updated.version) } };
  },
);
