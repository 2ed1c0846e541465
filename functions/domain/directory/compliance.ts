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
