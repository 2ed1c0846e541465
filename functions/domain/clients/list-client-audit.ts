import type { AuditPage, AuditTrail } from '../ports.ts';
import type { ClientStore } from './client-port.ts';
import { getClient } from './manage-clients.ts';

/** Creation, rotations and revocation of an API client; 404 for no such client. */
export async function listClientAudit(id: string, page: AuditPage, ports: { clients: ClientStore; audit: AuditTrail }) {
  await getClient(id, ports);
  return ports.audit.list('ApiClient', id, page);
}
