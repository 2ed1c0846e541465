import type { DomainEvent } from '../ports.ts';
import type { Body, BodyKind } from './body.ts';

export interface BodyPage {
  items: Body[];
  nextCursor?: string;
}

/** Port: the directory of bodies (§2). */
export interface BodyStore {
  get(id: string): Promise<Body | undefined>;
  list(options: { kind?: BodyKind; limit: number; cursor?: string }): Promise<BodyPage>;
  /** Conditional create; returns false when a body with this id (BIN) exists. */
  create(body: Body, event: DomainEvent): Promise<boolean>;
  /** One conditional write at expectedVersion; throws ConcurrentUpdateError otherwise. */
  update(body: Body, expectedVersion: number, event: DomainEvent): Promise<Body>;
}
