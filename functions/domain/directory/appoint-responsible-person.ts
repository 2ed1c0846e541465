import type { Principal } from '#commons/roles.ts';
import { addWorkingDays } from '../calendar/compute-deadline.ts';
import type { CalendarStore } from '../calendar/calendar-store.ts';
import { loadWorkingCalendar } from '../calendar/load-calendar-years.ts';
import { toAlmatyDate } from '../calendar/local-date.ts';
import { InvalidInputError } from '../errors.ts';
import { domainEvent } from '../events.ts';
import type { Clock } from '../ports.ts';
import { rulebookOn } from '../rulebook/rulebook.ts';
import { SEED_RULEBOOKS } from '../rulebook/seed-rulebooks.ts';
import type { BodyStore } from './body-store.ts';
import { VIOLATION_EVENT } from './compliance.ts';
import { getBody } from './manage-bodies.ts';
import {
  scopeOf,
  type AppointResponsiblePersonInput,
  type NoticeCheck,
  type ResponsibleAssignment,
  type ResponsiblePerson,
} from './responsible-person.ts';
import type { ResponsiblePersonStore } from './responsible-person-store.ts';

interface Ports {
  bodies: BodyStore;
  persons: ResponsiblePersonStore;
  calendars: CalendarStore;
  clock: Clock;
}

/**
 * POST /v1/bodies/{id}/responsible-persons: appoints a responsible person (§5) or replaces one
 * (§7). A replacement must say when the previous person was replaced or dismissed (changedOn);
 * the notice is due within 3 working days of that date (rulebook), and a late notice is
 * recorded as a violation on the body's compliance record (§21).
 */
export async function appointResponsiblePerson(
  bodyId: string,
  input: AppointResponsiblePersonInput,
  principal: Principal,
  ports: Ports,
): Promise<ResponsibleAssignment> {
  await getBody(bodyId, principal, ports);
  const scope = scopeOf(input.serviceCode);
  const existing = await ports.persons.get(bodyId, scope);
  const now = ports.clock.now();
  const nowIso = now.toISOString();
  const today = toAlmatyDate(now);
  if (input.appointedOn > today) {
    throw new InvalidInputError([{ field: 'body.appointedOn', message: 'must not be in the future' }]);
  }
  if (existing !== undefined && input.changedOn === undefined) {
    throw new InvalidInputError([
      { field: 'body.changedOn', message: 'is required when replacing a responsible person (§7): the day the previous one was replaced or dismissed' },
    ]);
  }
  if (input.changedOn !== undefined && input.changedOn > today) {
    throw new InvalidInputError([{ field: 'body.changedOn', message: 'must not be in the future' }]);
  }

  const person: ResponsiblePerson = {
    fullName: input.fullName,
    position: input.position,
    email: input.email,
    phone: input.phone,
    appointedOn: input.appointedOn,
    recordedAt: nowIso,
    recordedBy: principal.clientId,
  };
  // On the body's audit stream, beside its other directory changes.
  const aggregate = { type: 'Body', id: bodyId };
  const events = [];
  let notice: NoticeCheck | undefined;
  if (existing !== undefined && input.changedOn !== undefined) {
    const rulebook = rulebookOn(today, SEED_RULEBOOKS);
    const rule = rulebook.rules.responsiblePersonNotice;
    // The period runs from the day of the change (Civil Code: counting starts the next day).
    const deadline = addWorkingDays(`${input.changedOn}T12:00:00+05:00`, rule.value, await loadWorkingCalendar(ports.calendars));
    notice = {
      changedOn: input.changedOn,
      dueAt: deadline.dueAt,
      receivedAt: nowIso,
      late: now.getTime() > Date.parse(deadline.dueAt),
      rule: { key: 'responsiblePersonNotice', cite: rule.cite, workingDays: rule.value, rulebookId: rulebook.id },
      derivation: deadline.derivation,
    };
    if (notice.late) {
      events.push(
        domainEvent(VIOLATION_EVENT, { type: 'Body', id: bodyId }, principal.clientId, nowIso, {
          bodyId,
          rule: 'responsiblePersonNotice',
          cite: rule.cite,
          dueAt: notice.dueAt,
          occurredAt: nowIso,
          subject: { kind: 'responsiblePersonNotice', scope, changedOn: input.changedOn },
        }),
      );
    }
  }
  const next: ResponsibleAssignment = {
    bodyId,
    scope,
    ...(input.serviceCode === undefined ? {} : { serviceCode: input.serviceCode }),
    current: person,
    history: existing === undefined ? [] : [{ ...existing.current, endedOn: input.changedOn ?? input.appointedOn }, ...existing.history],
    notices: notice === undefined ? (existing?.notices ?? []) : [notice, ...(existing?.notices ?? [])],
    version: (existing?.version ?? 0) + 1,
  };
  events.unshift(
    domainEvent(existing === undefined ? 'ResponsiblePersonAppointed' : 'ResponsiblePersonReplaced', aggregate, principal.clientId, nowIso, {
      bodyId,
      scope,
      before: existing?.current ?? null,
      after: person,
      ...(notice === undefined ? {} : { notice: { changedOn: notice.changedOn, dueAt: notice.dueAt, late: notice.late } }),
    }),
  );
  await ports.persons.save(next, existing?.version ?? 0, events);
  return next;
}
