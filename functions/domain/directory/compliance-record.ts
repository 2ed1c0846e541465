import type { Principal } from '#domain/access/roles.ts';
import { addDays, toAlmatyDate } from '../calendar/local-date.ts';
import { InvalidInputError } from '../errors.ts';
import type { Clock } from '../ports.ts';
import type { BodyStore } from './body-port.ts';
import { rank, summarize, type ComplianceViolation, type RecordedFact } from './compliance.ts';
import { getBody } from './manage-bodies.ts';

/** Port: the compliance facts the effects function projects (§21), read by period. */
export interface ComplianceFacts {
  factsOfBody(bodyId: string, from: string, to: string): Promise<RecordedFact[]>;
  factsOfAll(from: string, to: string): Promise<RecordedFact[]>;
}

export interface CompliancePorts {
  bodies: BodyStore;
  facts: ComplianceFacts;
  violations: { listViolations(bodyId: string): Promise<ComplianceViolation[]> };
  clock: Clock;
}

/** Days in Asia/Almaty, both included: from 00:00 of `from` to the end of `to`. */
/** Almaty days, both included; a bound not given is open (from the earliest record, to today). */
export interface Period {
  from?: string | undefined;
  to?: string | undefined;
}

const EARLIEST = '2000-01-01';

function instantsOf(period: Period, now: Date): { from: string; to: string; fromDate: string; toDate: string } {
  const fromDate = period.from ?? EARLIEST;
  const toDate = period.to ?? toAlmatyDate(now);
  if (fromDate > toDate) throw new InvalidInputError([{ field: 'query.from', message: 'must not be after query.to' }]);
  return {
    fromDate,
    toDate,
    from: new Date(`${fromDate}T00:00:00+05:00`).toISOString(),
    to: new Date(`${addDays(toDate, 1)}T00:00:00+05:00`).toISOString(),
  };
}

/** GET /v1/bodies/{id}/compliance?from=&to= (§21): the body's record for the period. */
export async function complianceRecord(bodyId: string, period: Period, principal: Principal, ports: CompliancePorts) {
  await getBody(bodyId, principal, ports);
  const range = instantsOf(period, ports.clock.now());
  const [facts, violations] = await Promise.all([ports.facts.factsOfBody(bodyId, range.from, range.to), ports.violations.listViolations(bodyId)]);
  const summary = summarize(facts);
  const items = violations.filter((violation) => violation.occurredAt >= range.from && violation.occurredAt < range.to);
  return {
    bodyId,
    period: { from: range.fromDate, to: range.toDate },
    ...summary,
    violations: { ...summary.violations, items },
  };
}

/** GET /v1/compliance?from=&to= (the quality authority, §21): bodies ranked by their record for the period. */
export async function complianceRanking(period: Period, ports: CompliancePorts) {
  const range = instantsOf(period, ports.clock.now());
  const ranked = rank(await ports.facts.factsOfAll(range.from, range.to));
  return { period: { from: range.fromDate, to: range.toDate }, items: ranked.map((entry, index) => ({ rank: index + 1, ...entry })) };
}
