import { describe, expect, it } from 'vitest';
import { KZ_SEED } from '#domain/calendar/kz-seed.ts';
import { WorkingCalendar } from '#domain/calendar/working-calendar.ts';
import { appointmentEvents, isSamePerson, nextAssignment, planAppointment, serviceKey } from '#domain/directory/responsible-assignment.ts';
import type { ResponsibleAssignment, ResponsiblePerson } from '#domain/directory/responsible-person.ts';
import { RULEBOOK_2013 } from '#domain/rulebook/seed-rulebooks.ts';

const calendar = new WorkingCalendar(KZ_SEED);
const contextAt = (now: string) => ({ now: new Date(now), calendar, rulebook: RULEBOOK_2013 });
const person = (name: string, email: string, appointedOn = '2026-03-02'): ResponsiblePerson => ({
  fullName: name,
  position: 'Бас маман',
  email,
  phone: '+77015550001',
  appointedOn,
  recordedAt: '2026-03-02T05:00:00.000Z',
  recordedBy: 'client-1',
});
const target = { bodyId: '010000000607', scope: 'service:00301001', serviceCode: '00301001' };
const refusal = (act: () => unknown): { field: string; message: string }[] => {
  try {
    act();
  } catch (error) {
    return (error as { issues: { field: string; message: string }[] }).issues;
  }
  throw new Error('expected a refusal');
};
const assigned: ResponsibleAssignment = { ...target, current: person('Айгерим', 'a@gov.kz'), history: [], notices: [], version: 3 };

describe('planAppointment (§5, §7)', () => {
  it('takes a first appointment without a notice check', () => {
    expect(planAppointment(undefined, person('Айгерим', 'a@gov.kz'), undefined, contextAt('2026-03-03T10:00:00+05:00'))).toEqual({
      kind: 'appointed',
    });
  });

  it('takes the same person (email in any case) as an update, without changedOn', () => {
    const plan = planAppointment(assigned, person('айгерим ', 'A@GOV.KZ'), undefined, contextAt('2026-03-10T10:00:00+05:00'));
    expect(plan).toEqual({ kind: 'updated' });
  });

  it('requires changedOn to replace someone, naming the person replaced', () => {
    const errors = refusal(() => planAppointment(assigned, person('Ерлан', 'e@gov.kz'), undefined, contextAt('2026-03-10T10:00:00+05:00')));
    expect(errors).toEqual([{ field: 'body.changedOn', message: expect.stringContaining('Айгерим') }]);
  });

  it('counts the §7 notice over Nauryz: changed Friday 20 March, due Monday 30 March, late a minute later', () => {
    const onTime = planAppointment(assigned, person('Ерлан', 'e@gov.kz', '2026-03-20'), '2026-03-20', contextAt('2026-03-30T23:59:00+05:00'));
    expect(onTime.notice).toMatchObject({ dueAt: '2026-03-30T23:59:59.999+05:00', late: false, rule: { workingDays: 3, cite: '§7' } });
    const late = planAppointment(assigned, person('Ерлан', 'e@gov.kz', '2026-03-20'), '2026-03-20', contextAt('2026-03-31T00:00:30+05:00'));
    expect(late.notice?.late).toBe(true);
  });

  it('refuses dates in the future', () => {
    const errors = refusal(() => planAppointment(undefined, person('Ерлан', 'e@gov.kz', '2026-03-11'), undefined, contextAt('2026-03-10T10:00:00+05:00')));
    expect(errors).toEqual([{ field: 'body.appointedOn', message: 'must not be in the future' }]);
  });
});

describe('nextAssignment and appointmentEvents', () => {
  it('moves the replaced person into the history, ended on the day of the change, with a violation when late', () => {
    const plan = planAppointment(assigned, person('Ерлан', 'e@gov.kz', '2026-03-04'), '2026-03-03', contextAt('2026-03-10T10:00:00+05:00'));
    const next = nextAssignment(assigned, target, person('Ерлан', 'e@gov.kz', '2026-03-04'), plan);
    expect(next).toMatchObject({ version: 4, current: { fullName: 'Ерлан' }, history: [{ fullName: 'Айгерим', endedOn: '2026-03-03' }] });
    expect(next.notices).toHaveLength(1);
    const events = appointmentEvents(assigned, next, plan, 'client-1', '2026-03-10T05:00:00.000Z', { change: 'e1', violation: 'e2' });
    expect(events.map((event) => [event.type, event.eventId, event.aggregateType])).toEqual([
      ['ResponsiblePersonReplaced', 'e1', 'Body'],
      ['ComplianceViolationRecorded', 'e2', 'Body'],
    ]);
  });

  it('keeps an updated person’s appointment day and history', () => {
    const next = nextAssignment(assigned, target, { ...person('Айгерим', 'a@gov.kz', '2026-03-10'), phone: '+77015559999' }, { kind: 'updated' });
    expect(next.current).toMatchObject({ appointedOn: '2026-03-02', phone: '+77015559999' });
    expect(next.history).toEqual([]);
  });
});

describe('serviceKey', () => {
  it('is the key that ends the service’s acceptance id, and tells services apart', () => {
    expect(serviceKey('00301001')).toMatch(/^[0-9a-f]{32}$/);
    expect(serviceKey('00301001')).not.toBe(serviceKey('00301002'));
    expect(isSamePerson(person('A', 'x@gov.kz'), person('B', 'x@gov.kz'))).toBe(false);
  });
});
