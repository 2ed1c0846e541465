import type { Principal } from '#domain/access/roles.ts';
import type { AuditPage, AuditTrail } from '../ports.ts';
import type { BodyStore } from './body-port.ts';
import { getBody } from './manage-bodies.ts';

/** Every change of a body's record, who and when (admin); 404 for a body the caller may not see. */
export async function listBodyAudit(id: string, page: AuditPage, principal: Principal, ports: { bodies: BodyStore; audit: AuditTrail }) {
  await getBody(id, principal, ports);
  return ports.audit.list('Body', id, page);
}
