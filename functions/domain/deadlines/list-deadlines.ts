import type { Principal } from '#domain/access/roles.ts';
import { isBodyBound } from '#domain/access/body-access.ts';
import { toAlmatyInstant } from '#domain/calendar/local-date.ts';
import type { Clock } from '../ports.ts';
import type { DeadlineQuery, DeadlineStore } from './deadline-port.ts';
import type { BodyStore } from '#domain/directory/body-port.ts';

/** What GET /v1/deadlines asks: `overdue` is a view of the open ones, not a stored status. */
export interface DeadlineListing {
  status: 'open' | 'overdue' | 'met' | 'missed' | 'cancelled';
  limit: number;
  cursor?: string | undefined;
  bodyId?: string | undefined;
  dueBefore?: string | undefined;
}

export interface DeadlineListPorts {
  deadlines: Pick<DeadlineStore, 'list'>;
  bodies: Pick<BodyStore, 'list'>;
  clock: Clock;
}

/**
 * The store query of a listing, or none when the caller may see nothing: a body-bound client
 * sees only its own body's (another body asked: nothing); `overdue` is open and past due at
 * `now`, or already breached (a recorded breach stays listed if the clock is set back). Instants
 * are compared in Almaty notation, as they are stored.
 */
export function deadlineQueryOf(listing: DeadlineListing, principal: Principal, now: Date, listedUnder?: string): DeadlineQuery | undefined {
  let bodyId = listing.bodyId;
  const own = isBodyBound(principal) ? principal.bodyId : listedUnder;
  if (own !== undefined) {
    if (own === '' || (bodyId !== undefined && bodyId !== own)) return undefined;
    bodyId = own;
  }
  const query: DeadlineQuery = { status: listing.status === 'overdue' ? 'open' : listing.status, limit: listing.limit };
  if (listing.cursor !== undefined) query.cursor = listing.cursor;
  if (bodyId !== undefined) query.bodyId = bodyId;
  if (listing.dueBefore !== undefined) query.dueBefore = toAlmatyInstant(listing.dueBefore);
  if (listing.status === 'overdue') query.overdueAt = toAlmatyInstant(now);
  return query;
}

/** The operators' dashboard of deadlines (§21 monitoring), soonest first. */
export async function listDeadlines(listing: DeadlineListing, principal: Principal, ports: DeadlineListPorts) {
  // The informatization authority sees the deadlines listed under it: its quarterly reports'
  // (§13–§14), which no body sees.
  const listedUnder =
    principal.role === 'informatization_authority'
      ? ((await ports.bodies.list({ kind: 'informatization_authority', limit: 1 })).items[0]?.id ?? '')
      : undefined;
  const query = deadlineQueryOf(listing, principal, ports.clock.now(), listedUnder);
  return query === undefined ? { items: [] } : ports.deadlines.list(query);
}
