import type { Principal } from '#domain/access/roles.ts';
import type { AuditPage, AuditTrail } from '../ports.ts';
import { getAcceptance, type AcceptancePorts } from './manage-acceptances.ts';

/** An acceptance's audit trail (who, when, what), oldest first; 404 for one the caller may not see. */
export async function listAcceptanceEvents(
  id: string,
  page: AuditPage,
  principal: Principal,
  ports: Pick<AcceptancePorts, 'acceptances'> & { audit: AuditTrail },
) {
  await getAcceptance(id, principal, ports);
  return ports.audit.list('Acceptance', id, page);
}
