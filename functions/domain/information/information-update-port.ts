import type { DomainEvent, OutboxMessage } from '../ports.ts';
import type { InformationUpdate } from './information-update.ts';

/** Port: §6 information updates, one record each. */
export interface InformationUpdateStore {
  get(id: string): Promise<InformationUpdate | undefined>;
  /** Conditional create; false when the id exists. */
  create(state: InformationUpdate, events: DomainEvent[], messages: OutboxMessage[]): Promise<boolean>;
  /** One conditional write at expectedVersion; throws ConcurrentUpdateError otherwise. */
  save(state: InformationUpdate, expectedVersion: number, events: DomainEvent[], messages: OutboxMessage[]): Promise<void>;
  list(query: { bodyId?: string; status?: InformationUpdate['status']; limit: number; cursor?: string }): Promise<{ items: InformationUpdate[]; nextCursor?: string }>;
}
