import type { DomainEvent, OutboxMessage } from '../ports.ts';
import type { Acceptance, AcceptanceStatus, StoredDocument } from './acceptance.ts';

export interface AcceptanceQuery {
  bodyId?: string;
  status?: AcceptanceStatus;
  /** Only acceptances with an open deadline due before this instant, soonest first (not with a status). */
  overdueAt?: string;
  limit: number;
  cursor?: string;
}

/** Port: acceptances (one item each) and the signed documents attached to them. */
export interface AcceptanceStore {
  get(id: string): Promise<Acceptance | undefined>;
  /** Conditional create; false when the id exists. */
  create(state: Acceptance, events: DomainEvent[], messages: OutboxMessage[]): Promise<boolean>;
  /** One conditional write at expectedVersion; throws ConcurrentUpdateError otherwise. */
  save(state: Acceptance, expectedVersion: number, events: DomainEvent[], messages: OutboxMessage[]): Promise<void>;
  list(query: AcceptanceQuery): Promise<{ items: Acceptance[]; nextCursor?: string }>;
  /** Content-addressed: storing the same bytes twice is one document. */
  putDocument(bytes: Buffer, meta: { fileName: string; contentType: string }): Promise<StoredDocument>;
  getDocument(sha256: string): Promise<{ meta: StoredDocument; bytes: Buffer } | undefined>;
}
