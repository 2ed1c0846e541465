import type { StoredDocument } from '../acceptance/acceptance.ts';
import type { DomainEvent, OutboxMessage } from '../ports.ts';
import type { Complaint, ComplaintStatus } from './complaint.ts';
import type { ComplaintViolation } from './complaint-violations.ts';

export interface ComplaintQuery {
  /** The body complained about. */
  bodyId?: string;
  status?: ComplaintStatus;
  /** YYYY-MM: registered in that month. */
  month?: string;
  limit: number;
  cursor?: string;
}

/** Port: complaints (§17), one record each, with their documents. */
export interface ComplaintStore {
  get(id: string): Promise<Complaint | undefined>;
  /** Conditional create; false when the id exists. */
  create(state: Complaint, events: DomainEvent[], messages: OutboxMessage[]): Promise<boolean>;
  /** One conditional write at expectedVersion; throws ConcurrentUpdateError otherwise. */
  save(state: Complaint, expectedVersion: number, events: DomainEvent[], messages: OutboxMessage[]): Promise<void>;
  /** Newest first, each page read through an index. */
  list(query: ComplaintQuery): Promise<{ items: Complaint[]; nextCursor?: string }>;
  /** Content-addressed: storing the same bytes twice is one document. */
  putDocument(bytes: Buffer, meta: { fileName: string; contentType: string }): Promise<StoredDocument>;
}

/** Port: the violations of the legal review periods, one per complaint, read by month (§18). */
export interface ComplaintViolationStore {
  /** Once per complaint: false when it was recorded already. */
  record(violation: ComplaintViolation): Promise<boolean>;
  ofMonth(month: string): Promise<ComplaintViolation[]>;
  /** The same, one at a time as the store pages them (the §18 report: a month is never whole in memory). */
  eachOfMonth(month: string): AsyncIterable<ComplaintViolation>;
}
