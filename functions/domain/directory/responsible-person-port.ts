import type { DomainEvent } from '../ports.ts';
import type { ComplianceViolation } from './compliance.ts';
import type { ResponsibleAssignment } from './responsible-person.ts';

/** Port: responsible-person assignments (one record per body and scope) and compliance records. */
export interface ResponsiblePersonStore {
  get(bodyId: string, scope: string): Promise<ResponsibleAssignment | undefined>;
  listForBody(bodyId: string): Promise<ResponsibleAssignment[]>;
  /** One conditional write at expectedVersion (0 = new); throws ConcurrentUpdateError. */
  save(assignment: ResponsibleAssignment, expectedVersion: number, events: DomainEvent[]): Promise<void>;
  listViolations(bodyId: string): Promise<ComplianceViolation[]>;
}
