import { addWorkingDays } from '../calendar/compute-deadline.ts';
import { toAlmatyDate } from '../calendar/local-date.ts';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import { InvalidInputError } from '../errors.ts';
import { domainEvent } from '../events.ts';
import type { DomainEvent } from '../ports.ts';
import type { Rulebook } from '../rulebook/rulebook.ts';
import { VIOLATION_EVENT } from './compliance.ts';
import type { NoticeCheck, ResponsibleAssignment, ResponsiblePerson } from './responsible-person.ts';

/**
 * The one model of a responsible person (§5, §7), shared by both routes that appoint one:
 * POST /v1/bodies/{id}/responsible-persons and the acceptance step
 * POST /v1/acceptances/{id}/responsible-person (which appoints for the acceptance's service).
 * Pure functions: what an appointment is, its §7 notice check, the next assignment, its events.
 */

// In a module of its own so the table's key layouts (adapters/table-keys.ts) use it without the rest.
export { serviceKey } from './service-key.ts';

export interface AssignmentTarget {
  bodyId: string;
  /** 'body' or 'service:<code>' */
  scope: string;
  serviceCode?: string;
}

export const targetOf = (bodyId: string, serviceCode: string | undefined): AssignmentTarget =>
  serviceCode === undefined ? { bodyId, scope: 'body' } : { bodyId, scope: `service:${serviceCode}`, serviceCode };

/** The same person again (details such as a phone may change): not a replacement. */
export const isSamePerson = (a: Pick<ResponsiblePerson, 'fullName' | 'email'>, b: Pick<ResponsiblePerson, 'fullName' | 'email'>): boolean =>
  a.email.toLowerCase() === b.email.toLowerCase() && a.fullName.trim().toLowerCase() === b.fullName.trim().toLowerCase();

export type AppointmentKind = 'appointed' | 'replaced' | 'updated';

export interface AppointmentPlan {
  kind: AppointmentKind;
  /** §7: the day the previous person was replaced or dismissed (replacements only). */
  changedOn?: string;
  /** §7: the notice check of a replacement. */
  notice?: NoticeCheck;
}

/**
 * Decides what an appointment is and checks it: a first appointment (§5), the same person's
 * details updated, or a replacement (§7), which must say when the previous person was replaced
 * or dismissed; its notice is due within 3 working days of that day (rulebook).
 */
export function planAppointment(
  existing: ResponsibleAssignment | undefined,
  person: Pick<ResponsiblePerson, 'fullName' | 'email' | 'appointedOn'>,
  changedOn: string | undefined,
  context: { now: Date; calendar: WorkingCalendar; rulebook: Rulebook },
): AppointmentPlan {
  const today = toAlmatyDate(context.now);
  if (person.appointedOn > today) throw new InvalidInputError([{ field: 'body.appointedOn', message: 'must not be in the future' }]);
  if (changedOn !== undefined && changedOn > today) {
    throw new InvalidInputError([{ field: 'body.changedOn', message: 'must not be in the future' }]);
  }
  if (existing === undefined) return { kind: 'appointed' };
  if (isSamePerson(existing.current, person)) return { kind: 'updated' };
  if (changedOn === undefined) {
    throw new InvalidInputError([
      {
        field: 'body.changedOn',
        message: `is required when replacing a responsible person (§7): the day ${existing.current.fullName} was replaced or dismissed`,
      },
    ]);
  }
  const rule = context.rulebook.rules.responsiblePersonNotice;
  // The period runs from the day of the change (Civil Code: counting starts the next day).
  const deadline = addWorkingDays(`${changedOn}T12:00:00+05:00`, rule.value, context.calendar);
  return {
    kind: 'replaced',
    changedOn,
    notice: {
      changedOn,
      dueAt: deadline.dueAt,
      receivedAt: context.now.toISOString(),
      late: context.now.getTime() > Date.parse(deadline.dueAt),
      rule: { key: 'responsiblePersonNotice', cite: rule.cite, workingDays: rule.value, rulebookId: context.rulebook.id },
      derivation: deadline.derivation,
    },
  };
}

/** The assignment after an appointment: one current person, one history, one list of §7 checks. */
export function nextAssignment(
  existing: ResponsibleAssignment | undefined,
  target: AssignmentTarget,
  person: ResponsiblePerson,
  plan: AppointmentPlan,
): ResponsibleAssignment {
  const earlier = existing?.history ?? [];
  const history =
    existing === undefined || plan.kind === 'updated'
      ? earlier
      : [{ ...existing.current, endedOn: plan.changedOn ?? person.appointedOn }, ...earlier];
  const current = plan.kind === 'updated' && existing !== undefined ? { ...person, appointedOn: existing.current.appointedOn } : person;
  return {
    ...target,
    current,
    history,
    notices: plan.notice === undefined ? (existing?.notices ?? []) : [plan.notice, ...(existing?.notices ?? [])],
    version: (existing?.version ?? 0) + 1,
  };
}

const EVENT_TYPES: Record<AppointmentKind, string> = {
  appointed: 'ResponsiblePersonAppointed',
  replaced: 'ResponsiblePersonReplaced',
  updated: 'ResponsiblePersonUpdated',
};

/**
 * The events of an appointment, on the body's audit stream: the change, and a violation on the
 * body's compliance record (§21) when a replacement was notified late (§7). `eventIds` makes
 * them derived (an effect that may run twice writes the same events).
 */
export function appointmentEvents(
  existing: ResponsibleAssignment | undefined,
  next: ResponsibleAssignment,
  plan: AppointmentPlan,
  actor: string,
  at: string,
  eventIds?: { change: string; violation: string },
): DomainEvent[] {
  const aggregate = { type: 'Body', id: next.bodyId };
  const events = [
    domainEvent(
      EVENT_TYPES[plan.kind],
      aggregate,
      actor,
      at,
      {
        bodyId: next.bodyId,
        scope: next.scope,
        before: existing?.current ?? null,
        after: next.current,
        ...(plan.notice === undefined ? {} : { notice: { changedOn: plan.notice.changedOn, dueAt: plan.notice.dueAt, late: plan.notice.late } }),
      },
      eventIds?.change,
    ),
  ];
  if (plan.notice?.late) {
    events.push(
      domainEvent(
        VIOLATION_EVENT,
        aggregate,
        actor,
        at,
        {
          bodyId: next.bodyId,
          rule: 'responsiblePersonNotice',
          cite: plan.notice.rule.cite,
          dueAt: plan.notice.dueAt,
          occurredAt: at,
          subject: { kind: 'responsiblePersonNotice', scope: next.scope, changedOn: plan.notice.changedOn },
        },
        eventIds?.violation,
      ),
    );
  }
  return events;
}

/** Who answers now for a service of a body (§5, §7): the service's person, else the body-wide one. */
export function currentResponsible(
  assignments: readonly ResponsibleAssignment[],
  bodyId: string,
  serviceCode: string | undefined,
): ResponsiblePerson | undefined {
  const own = assignments.filter((candidate) => candidate.bodyId === bodyId);
  const scope = targetOf(bodyId, serviceCode).scope;
  return (own.find((candidate) => candidate.scope === scope) ?? own.find((candidate) => candidate.scope === 'body'))?.current;
}
