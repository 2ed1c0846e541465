import { randomUUID } from 'node:crypto';
import type { DomainEvent } from './ports.ts';

/** Builds a domain event; `eventId` may be derived (for replays) or random. */
export function domainEvent(
  type: string,
  aggregate: { type: string; id: string },
  actor: string,
  at: string,
  data: Record<string, unknown>,
  eventId: string = randomUUID(),
): DomainEvent {
  return { eventId, type, at, actor, aggregateType: aggregate.type, aggregateId: aggregate.id, data };
}
