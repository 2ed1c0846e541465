import type { Principal } from '#domain/access/roles.ts';
import type { CalendarStore } from '../calendar/calendar-port.ts';
import { loadWorkingCalendar } from '../calendar/load-calendar-years.ts';
import { toAlmatyDate } from '../calendar/local-date.ts';
import { ConcurrentUpdateError } from '../errors.ts';
import type { Clock } from '../ports.ts';
import { rulebookOn } from '../rulebook/rulebook.ts';
import { SEED_RULEBOOKS } from '../rulebook/seed-rulebooks.ts';
import type { BodyStore } from './body-port.ts';
import { getBody } from './manage-bodies.ts';
import {
  appointmentEvents,
  isSamePerson,
  nextAssignment,
  planAppointment,
  targetOf,
  type AppointmentPlan,
  type AssignmentTarget,
} from './responsible-assignment.ts';
import type { AppointResponsiblePersonInput, ResponsibleAssignment, ResponsiblePerson } from './responsible-person.ts';
import type { ResponsiblePersonStore } from './responsible-person-port.ts';

interface Ports {
  bodies: BodyStore;
  persons: ResponsiblePersonStore;
  calendars: CalendarStore;
  clock: Clock;
}

/** How many acceptance-step events an assignment remembers having recorded. */
const APPLIED_EVENTS_KEPT = 20;

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
  const target = targetOf(bodyId, input.serviceCode);
  const existing = await ports.persons.get(bodyId, target.scope);
  const now = ports.clock.now();
  const person: ResponsiblePerson = {
    fullName: input.fullName,
    position: input.position,
    email: input.email,
    phone: input.phone,
    appointedOn: input.appointedOn,
    recordedAt: now.toISOString(),
    recordedBy: principal.clientId,
  };
  const context = { now, calendar: await loadWorkingCalendar(ports.calendars), rulebook: rulebookOn(toAlmatyDate(now), SEED_RULEBOOKS) };
  const plan = planAppointment(existing, person, input.changedOn, context);
  const next = nextAssignment(existing, target, person, plan);
  await ports.persons.save(next, existing?.version ?? 0, appointmentEvents(existing, next, plan, principal.clientId, person.recordedAt));
  return next;
}

/** What an acceptance's responsible-person step (§5) appointed, carried by its event. */
export interface StepAppointment {
  target: AssignmentTarget;
  person: ResponsiblePerson;
  plan: AppointmentPlan;
}

/**
 * The effect of an acceptance's responsible-person step: the person goes on the same record the
 * body's own route keeps, checked (§7) by the step against that record. Runs once per event:
 * a repeat finds the event recorded; a concurrent change of the record is re-read.
 */
export async function recordStepAppointment(
  appointment: StepAppointment,
  event: { eventId: string; actor: string; at: string },
  ports: { persons: ResponsiblePersonStore },
): Promise<void> {
  const { target, person } = appointment;
  for (let attempt = 0; ; attempt += 1) {
    const existing = await ports.persons.get(target.bodyId, target.scope);
    if (existing?.appliedEvents?.includes(event.eventId)) return;
    // The step checked against the record as it read it; if the record moved on since (the
    // body's route got in between), the step's person still replaces whoever is current.
    const plan: AppointmentPlan =
      existing === undefined
        ? { kind: 'appointed' }
        : isSamePerson(existing.current, person)
          ? { kind: 'updated' }
          : appointment.plan.kind === 'replaced'
            ? appointment.plan
            : { kind: 'replaced' };
    const next = nextAssignment(existing, target, person, plan);
    next.appliedEvents = [...(existing?.appliedEvents ?? []), event.eventId].slice(-APPLIED_EVENTS_KEPT);
    const events = appointmentEvents(existing, next, plan, event.actor, event.at, {
      change: `${event.eventId}:assignment`,
      violation: `${event.eventId}:violation`,
    });
    try {
      await ports.persons.save(next, existing?.version ?? 0, events);
      return;
    } catch (error) {
      if (!(error instanceof ConcurrentUpdateError) || attempt >= 4) throw error;
    }
  }
}
