import type { DomainEvent } from '../ports.ts';
import type { ApiClient } from './api-client.ts';

/** Port: API clients and the index from key hash to client. */
export interface ClientStore {
  get(id: string): Promise<ApiClient | undefined>;
  list(options: { limit: number; cursor?: string }): Promise<{ items: ApiClient[]; nextCursor?: string }>;
  findByKeyHash(hash: string): Promise<ApiClient | undefined>;
  /** Indexes the key hash, then creates the client (conditional); false if the id exists. */
  create(client: ApiClient, event: DomainEvent): Promise<boolean>;
  /** Indexes any new key hash, then one conditional write at expectedVersion. */
  update(client: ApiClient, expectedVersion: number, event: DomainEvent): Promise<ApiClient>;
}
