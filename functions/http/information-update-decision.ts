import type * as z from 'zod';
import { etagOf, ifMatchVersion } from '#http/middleware/conditional.ts';
import { httpRoute } from '#http/middleware/http-route.ts';
import { decideUpdate } from '#domain/information/manage-information-updates.ts';
import { updatePorts } from '#adapters/composition.ts';
import { updateIdParams } from './information-update-params.ts';

/** POST /v1/information-updates/{id}/registration and …/return (the UCC, §6): one handler, each with its schema. */
export function updateDecisionHandler(action: 'registration' | 'return', body: z.ZodType) {
  return httpRoute({ route: `post-information-update-${action}`, params: updateIdParams, body }, async ({ params, body: input, principal, headers }) => {
    const update = await decideUpdate(
      {
        id: params.id,
        decision: action === 'registration' ? { action } : { action, reasons: (input as { reasons: string[] }).reasons },
          ifMatch: ifMatchVersion(headers),
      },
      principal,
      updatePorts,
    );
    return { status: 200, body: update, headers: { etag: etagOf(update.version) } };
  });
}
