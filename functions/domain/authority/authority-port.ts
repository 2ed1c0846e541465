import type { StoredDocument } from '../acceptance/acceptance.ts';
import type { DomainEvent, OutboxMessage } from '../ports.ts';
import type { Discrepancy, QaTraining } from './authority-cases.ts';

export interface CaseStore<T, S extends string> {
  get(id: string): Promise<T | undefined>;
  /** Conditional create; false when the id exists. */
  create(state: T, events: DomainEvent[], messages: OutboxMessage[]): Promise<boolean>;
  /** One conditional write at expectedVersion; throws ConcurrentUpdateError otherwise. */
  save(state: T, expectedVersion: number, events: DomainEvent[], messages: OutboxMessage[]): Promise<void>;
  list(query: { bodyId?: string; status?: S; limit: number; cursor?: string }): Promise<{ items: T[]; nextCursor?: string }>;
}

/** Ports: the quality authority's cases (§19, §20) and the documents of explanations. */
export interface AuthorityStores {
  discrepancies: CaseStore<Discrepancy, Discrepancy['status']>;
  trainings: CaseStore<QaTraining, QaTraining['status']>;
  putDocument(bytes: Buffer, meta: { fileName: string; contentType: string }): Promise<StoredDocument>;
}
