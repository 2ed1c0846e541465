import { httpRoute } from '#http/middleware/http-route.ts';
import { listAcceptanceEvents } from '#domain/acceptance/list-acceptance-events.ts';
import { acceptancePorts, auditTrail } from '#adapters/composition.ts';
import { acceptanceIdParams } from './acceptance-step.ts';
import { pageQuery } from './params.ts';

/** GET /v1/acceptances/{id}/events: the audit trail (who, when, what), oldest first. */
export const handler = httpRoute(
  { route: 'get-acceptance-events', params: acceptanceIdParams, query: pageQuery },
  async ({ params, query, principal }) => ({
    status: 200,
    body: await listAcceptanceEvents(params.id, query, principal, { ...acceptancePorts, audit: auditTrail }),
  }),
);
