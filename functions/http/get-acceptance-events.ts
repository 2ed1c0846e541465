import { httpRoute } from '#http/middleware/http-route.ts';
import { getAcceptance } from '#domain/acceptance/manage-acceptances.ts';
import { listAuditEvents } from '#adapters/audit-log.ts';
import { acceptancePorts } from '#adapters/composition.ts';
import { acceptanceIdParams } from './acceptance-step.ts';
import { cursorOf, pageQuery } from './params.ts';

/** GET /v1/acceptances/{id}/events: the audit trail (who, when, what), oldest first. */
export const handler = httpRoute(
  { route: 'get-acceptance-events', params: acceptanceIdParams, query: pageQuery },
  async ({ params, query: { limit, cursor }, principal }) => {
    await getAcceptance(params.id, principal, acceptancePorts);
    return { status: 200, body: await listAuditEvents('Acceptance', params.id, { limit, ...cursorOf(cursor) }) };
  },
);
