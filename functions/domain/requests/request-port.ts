import type { StoredDocument } from '../acceptance/acceptance.ts';
import type { DomainEvent, OutboxMessage } from '../ports.ts';
import type { Escalation } from './escalation.ts';
import type { InformationRequest, InformationRequestStatus } from './information-request.ts';

export interface InformationRequestQuery {
  bodyId?: string;
  status?: InformationRequestStatus;
  limit: number;
  cursor?: string;
}

/** Port: UCC requests for information (§10–§11), one record each, with their documents. */
export interface InformationRequestStore {
  get(id: string): Promise<InformationRequest | undefined>;
  /** Conditional create; false when the id exists. */
  create(state: InformationRequest, events: DomainEvent[], messages: OutboxMessage[]): Promise<boolean>;
  /** One conditional write at expectedVersion; throws ConcurrentUpdateError otherwise. */
  save(state: InformationRequest, expectedVersion: number, events: DomainEvent[], messages: OutboxMessage[]): Promise<void>;
  list(query: InformationRequestQuery): Promise<{ items: InformationRequest[]; nextCursor?: string }>;
  /** Content-addressed: storing the same bytes twice is one document. */
  putDocument(bytes: Buffer, meta: { fileName: string; contentType: string }): Promise<StoredDocument>;
}

export interface EscalationQuery {
  bodyId?: string;
  /** YYYY-MM */
  month?: string;
  limit: number;
  cursor?: string;
}

/** Port: §12 escalations, one per body and month. */
export interface EscalationStore {
  get(bodyId: string, month: string): Promise<Escalation | undefined>;
  /** One conditional write (0 = new); throws ConcurrentUpdateError when someone else wrote first. */
  save(state: Escalation, expectedVersion: number, events: DomainEvent[], messages: OutboxMessage[]): Promise<void>;
  list(query: EscalationQuery): Promise<{ items: Escalation[]; nextCursor?: string }>;
}
