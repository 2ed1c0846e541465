/**
 * The per-body compliance record (§21): every deadline a body missed, with the rule and its
 * citation. Violations are written by projecting the ComplianceViolationRecorded event, so a
 * command stays one write and a re-drive can never record a violation twice.
 */
export interface ComplianceViolation {
  violationId: string;
  bodyId: string;
  rule: string;
  cite: string;
  dueAt: string;
  occurredAt: string;
  /** What was late, e.g. { kind: 'responsiblePersonNotice', scope: 'body' }. */
  subject: Record<string, unknown>;
}

export const VIOLATION_EVENT = 'ComplianceViolationRecorded';

/**
 * A deadline's breach is one violation however it is noticed: the deadline monitor at the breach,
 * or the case itself when it is closed late first (a complaint's outcome, §17). Both name it so
 * (the event's `violationId`), at the moment the period ran out, and it is recorded once.
 */
export const breachViolationId = (deadlineId: string): string => `${deadlineId}:breach`;

/**
 * One fact of a body's compliance record (§21), projected once per event by the effects
 * function: a deadline of the body met or missed, a violation, a refusal by ground (§11), an
 * escalation (§12). The record of a period is the sum of its facts, never a scan of cases.
 */
export type ComplianceFact =
  | { kind: 'deadline'; key: string; status: 'met' | 'missed' }
  | { kind: 'violation'; rule: string }
  | { kind: 'refusal'; ground: string; lawful: boolean }
  | { kind: 'escalation'; month: string };

export interface RecordedFact {
  factId: string;
  bodyId: string;
  at: string;
  fact: ComplianceFact;
}

/** Deadlines that are the UCC's own (§9 start, §19 training, §20 explanation, §13–§14 and §18 reports): not on a body's record. */
export const UCC_DEADLINE_KEYS: readonly string[] = ['startConsultation', 'discrepancyExplanation', 'trainQualityAuthority', 'quarterlyReport', 'monthlyReport'];

/** The fact an event adds to its body's record, if any. */
export function factOf(event: { type: string; data: Record<string, unknown> }): ComplianceFact | undefined {
  const data = event.data;
  switch (event.type) {
    case 'DeadlineClosed':
      if (typeof data.key !== 'string' || UCC_DEADLINE_KEYS.includes(data.key)) return undefined;
      return data.status === 'met' || data.status === 'missed' ? { kind: 'deadline', key: data.key, status: data.status } : undefined;
    case VIOLATION_EVENT:
      return typeof data.rule === 'string' ? { kind: 'violation', rule: data.rule } : undefined;
    case 'InformationRefused':
      return { kind: 'refusal', ground: String(data.ground), lawful: data.lawful === true };
    case 'RefusalsEscalated':
      return { kind: 'escalation', month: String(data.month) };
    default:
      return undefined;
  }
}

export interface ComplianceSummary {
  deadlines: { met: number; missed: number; byStep: Record<string, { met: number; missed: number }> };
  violations: { total: number; byRule: Record<string, number> };
  refusals: { total: number; lawful: number; byGround: Record<string, number> };
  escalations: number;
}

export function summarize(facts: readonly RecordedFact[]): ComplianceSummary {
  const summary: ComplianceSummary = {
    deadlines: { met: 0, missed: 0, byStep: {} },
    violations: { total: 0, byRule: {} },
    refusals: { total: 0, lawful: 0, byGround: {} },
    escalations: 0,
  };
  for (const { fact } of facts) {
    if (fact.kind === 'deadline') {
      const step = (summary.deadlines.byStep[fact.key] ??= { met: 0, missed: 0 });
      step[fact.status] += 1;
      summary.deadlines[fact.status] += 1;
    } else if (fact.kind === 'violation') {
      summary.violations.total += 1;
      summary.violations.byRule[fact.rule] = (summary.violations.byRule[fact.rule] ?? 0) + 1;
    } else if (fact.kind === 'refusal') {
      summary.refusals.total += 1;
      if (fact.lawful) summary.refusals.lawful += 1;
      summary.refusals.byGround[fact.ground] = (summary.refusals.byGround[fact.ground] ?? 0) + 1;
    } else {
      summary.escalations += 1;
    }
  }
  return summary;
}

/** The quality authority's ranking: most violations first, then most missed deadlines, then unlawful refusals. */
export function rank(facts: readonly RecordedFact[]): ({ bodyId: string } & ComplianceSummary)[] {
  const byBody = new Map<string, RecordedFact[]>();
  for (const fact of facts) byBody.set(fact.bodyId, [...(byBody.get(fact.bodyId) ?? []), fact]);
  return [...byBody]
    .map(([bodyId, own]) => ({ bodyId, ...summarize(own) }))
    .sort(
      (a, b) =>
        b.violations.total - a.violations.total ||
        b.deadlines.missed - a.deadlines.missed ||
        b.refusals.total - b.refusals.lawful - (a.refusals.total - a.refusals.lawful) ||
        a.bodyId.localeCompare(b.bodyId),
    );
}
