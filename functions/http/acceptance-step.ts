import * as z from 'zod';
import { etagOf, ifMatchVersion } from '#http/middleware/conditional.ts';
import { httpRoute } from '#http/middleware/http-route.ts';
import type { AcceptanceAction } from '#domain/acceptance/acceptance.ts';
import { runAcceptanceStep, type AcceptancePorts, type StepCommand } from '#domain/acceptance/manage-acceptances.ts';
import { acceptancePorts } from '#adapters/composition.ts';
import { acceptanceView } from './acceptance-view.ts';

export const acceptanceIdParams = z.object({ id: z.string().regex(/^acc-[A-Za-z0-9-]{8,64}$/, 'must be an acceptance id') });

/**
 * Every step route (POST /v1/acceptances/{id}/<action>) is this handler with its own schema; a
 * step that stores documents passes the ports with the documents bucket (documents-composition.ts).
 */
export function acceptanceStepHandler(action: AcceptanceAction, body: z.ZodType, maxBodyBytes?: number, ports: AcceptancePorts = acceptancePorts) {
  return httpRoute(
    { route: `post-acceptance-${action}`, params: acceptanceIdParams, body, maxBodyBytes },
    async ({ params, body: input, principal, headers, idempotencyKey }) => {
      const state = await runAcceptanceStep(
        {
          id: params.id,
          step: { action, input } as StepCommand['step'],
          ifMatch: ifMatchVersion(headers),
          idempotencyKey,
        },
        principal,
        ports,
      );
      return { status: 200, body: acceptanceView(state), headers: { etag: etagOf(state.version) } };
    },
  );
}
