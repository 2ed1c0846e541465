import { toAlmatyDate } from '../calendar/local-date.ts';
import type { BodyKind } from '../directory/body.ts';
import { COMPLAINT_TARGET_KINDS, type Complaint, type ComplaintAddressee, type ComplaintCategory } from './complaint.ts';

/**
 * A violation of a complaint's legal review period (Law "On public services", Art. 25), as §18
 * counts them: by the kind of body that committed it — central state bodies, LEBs, PSCs and
 * service providers (and the quality authority, for the complaints addressed to it). It belongs
 * to the month its review period ran out (the due date, Asia/Almaty), whether the outcome came
 * late or not at all.
 */
export interface ComplaintViolation {
  month: string;
  complaintId: string;
  portalNumber: string;
  /** The reviewer, who missed the period, and its kind. */
  bodyId: string;
  bodyKind: BodyKind;
  /** The body complained about. */
  targetBodyId: string;
  addressedTo: ComplaintAddressee;
  category: ComplaintCategory;
  serviceCode: string;
  rule: string;
  cite: string;
  dueAt: string;
  occurredAt: string;
}

/** The violation a breach of `complaint`'s review period makes (the data of its ComplianceViolationRecorded event). */
export function complaintViolationOf(complaint: Complaint, breach: { rule: string; cite: string; dueAt: string; occurredAt: string }): ComplaintViolation {
  return {
    month: toAlmatyDate(breach.dueAt).slice(0, 7),
    complaintId: complaint.id,
    portalNumber: complaint.portalNumber,
    bodyId: complaint.reviewerId,
    bodyKind: complaint.reviewerKind,
    targetBodyId: complaint.bodyId,
    addressedTo: complaint.addressedTo,
    category: complaint.category,
    serviceCode: complaint.serviceCode,
    rule: breach.rule,
    cite: breach.cite,
    dueAt: breach.dueAt,
    occurredAt: breach.occurredAt,
  };
}

/** §18's order of the violations: by the time their period ran out. */
export const byDueTime = (a: Pick<ComplaintViolation, 'dueAt' | 'complaintId'>, b: Pick<ComplaintViolation, 'dueAt' | 'complaintId'>): number => a.dueAt.localeCompare(b.dueAt) || a.complaintId.localeCompare(b.complaintId);

/** §18's counts of violations, kept one at a time: per kind of body (the four kinds always named) and per body. */
export class ViolationTally {
  total = 0;
  private readonly byKind: Partial<Record<BodyKind, number>> = Object.fromEntries(COMPLAINT_TARGET_KINDS.map((kind) => [kind, 0]));
  private readonly byBody = new Map<string, { bodyId: string; bodyKind: BodyKind; violations: number }>();

  add(violation: ComplaintViolation): void {
    this.total += 1;
    this.byKind[violation.bodyKind] = (this.byKind[violation.bodyKind] ?? 0) + 1;
    const entry = this.byBody.get(violation.bodyId) ?? { bodyId: violation.bodyId, bodyKind: violation.bodyKind, violations: 0 };
    entry.violations += 1;
    this.byBody.set(violation.bodyId, entry);
  }

  figures() {
    return {
      total: this.total,
      byKind: this.byKind,
      // Most violations first.
      byBody: [...this.byBody.values()].sort((a, b) => b.violations - a.violations || a.bodyId.localeCompare(b.bodyId)),
    };
  }
}

/** §18's figures for a month: the total, per kind of body, per body, and each violation. */
export function summarizeComplaintViolations(month: string, violations: readonly ComplaintViolation[]) {
  const tally = new ViolationTally();
  for (const violation of violations) tally.add(violation);
  return { month, ...tally.figures(), items: [...violations].sort(byDueTime) };
}
