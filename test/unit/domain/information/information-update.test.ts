import { describe, expect, it } from 'vitest';
import { KZ_SEED } from '#domain/calendar/kz-seed.ts';
import { WorkingCalendar } from '#domain/calendar/working-calendar.ts';
import { diffInformation, submitInformationUpdate } from '#domain/information/information-update.ts';
import { RULEBOOK_2013 } from '#domain/rulebook/seed-rulebooks.ts';

const calendar = new WorkingCalendar(KZ_SEED);
const contextAt = (now: string) => ({ now: new Date(now), actor: 'body-client', calendar, rulebook: RULEBOOK_2013, recipients: { bodyEmail: 'b@gov.kz', uccEmail: 'u@1414.kz' } });
const spec = (changedOn: string) => ({ id: 'upd-1', baseVersion: 1, bodyId: '010000000607', serviceCode: '00301001', changedOn, changes: { term: { kk: 'x', ru: 'x' } } });

describe('submitInformationUpdate (§6)', () => {
  it('gives 3 working days from the change across the New Year: changed 30 December, due 6 January 2027', () => {
    // 31 December is day 1; 1–2 January are New Year (the 2nd, a Saturday, moves to Monday the 4th); 5 and 6 January are days 2 and 3.
    const onTime = submitInformationUpdate(spec('2026-12-30'), contextAt('2027-01-06T23:59:00+05:00'));
    expect(onTime.state.notice).toMatchObject({ dueAt: '2027-01-06T23:59:59.999+05:00', late: false });
    expect(onTime.events.map((event) => event.type)).toEqual(['InformationUpdateSubmitted']);
  });

  it('records a late update as a violation of updateInformation (§6)', () => {
    const late = submitInformationUpdate(spec('2026-12-30'), contextAt('2027-01-07T00:00:30+05:00'));
    expect(late.state.notice.late).toBe(true);
    expect(late.events.map((event) => [event.type, event.data.rule])).toContainEqual(['ComplianceViolationRecorded', 'updateInformation']);
  });
});

describe('diffInformation', () => {
  it('names each changed field once, whatever the member order of nested values, and skips bookkeeping', () => {
    const before = { fee: { free: false, amountKzt: 500 }, term: 'a', submittedAt: '1' };
    const after = { fee: { amountKzt: 500, free: false }, term: 'b', submittedAt: '2', schedule: 's' };
    expect(diffInformation(before, after)).toEqual([
      { field: 'schedule', before: undefined, after: 's' },
      { field: 'term', before: 'a', after: 'b' },
    ]);
  });
});
