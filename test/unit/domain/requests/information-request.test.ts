import { describe, expect, it } from 'vitest';
import { KZ_SEED } from '#domain/calendar/kz-seed.ts';
import { WorkingCalendar } from '#domain/calendar/working-calendar.ts';
import { addRefusal, refusalOf, type EscalationContext } from '#domain/requests/escalation.ts';
import { openInformationRequest, refuseInformationRequest, type RequestContext } from '#domain/requests/information-request.ts';
import { RULEBOOK_2013 } from '#domain/rulebook/seed-rulebooks.ts';

const calendar = new WorkingCalendar(KZ_SEED);
const contextAt = (now: string, actor = 'body-client'): RequestContext => ({
  now: new Date(now),
  actor,
  calendar,
  rulebook: RULEBOOK_2013,
  recipients: { bodyEmail: 'office@akimat.gov.kz', responsibleEmail: 'person@akimat.gov.kz', uccEmail: 'ucc@1414.kz' },
});
const doc = (n: number) => ({ fileName: `d${n}.pdf`, contentType: 'application/pdf', size: 10, sha256: String(n).repeat(64).slice(0, 64) });
const opened = (id: string, at = '2026-12-29T10:00:00+05:00') =>
  openInformationRequest({ id, bodyId: '010000000607', question: `Вопрос ${id}`, attachments: [doc(1)] }, contextAt(at, 'ucc-operator')).state;

describe('openInformationRequest (§10)', () => {
  it('counts the answer over the year end: asked Tuesday 29 December, due Tuesday 5 January', () => {
    // 30 and 31 December count; 1–2 January 2027 are New Year, Saturday the 2nd moves to Monday the 4th.
    const outcome = openInformationRequest({ id: 'req-1', bodyId: '010000000607', question: 'Q', attachments: [] }, contextAt('2026-12-29T10:00:00+05:00', 'ucc'));
    expect(outcome.state.deadlines[0]).toMatchObject({ key: 'answerInformationRequest', dueAt: '2027-01-05T23:59:59.999+05:00', party: 'body' });
    expect(outcome.events.map((event) => event.type)).toEqual(['InformationRequested', 'DeadlineOpened']);
    expect(outcome.messages[0]?.to).toEqual(['office@akimat.gov.kz', 'person@akimat.gov.kz']);
  });
});

describe('refuseInformationRequest (§11.1)', () => {
  it('is lawful on a protected secret, counted in the Almaty month, with no violation', () => {
    const outcome = refuseInformationRequest(opened('req-2'), { ground: 'commercial_secret', justification: 'КТ', attachments: [] }, contextAt('2026-12-31T19:10:00Z'));
    expect(outcome.state.refusal).toMatchObject({ lawful: true, month: '2027-01' });
    expect(outcome.events.map((event) => event.type)).toEqual(['InformationRefused', 'DeadlineClosed']);
  });

  it('is unlawful on any other ground: a violation on the body’s compliance record', () => {
    const outcome = refuseInformationRequest(opened('req-3'), { ground: 'other', justification: 'Нет времени', attachments: [] }, contextAt('2026-12-30T10:00:00+05:00'));
    expect(outcome.state.refusal?.lawful).toBe(false);
    expect(outcome.events.map((event) => [event.type, event.aggregateType])).toContainEqual(['ComplianceViolationRecorded', 'Body']);
  });

  it('refuses a second response', () => {
    const refused = refuseInformationRequest(opened('req-4'), { ground: 'other', justification: 'x', attachments: [] }, contextAt('2026-12-30T10:00:00+05:00')).state;
    expect(() => refuseInformationRequest(refused, { ground: 'other', justification: 'y', attachments: [] }, contextAt('2026-12-30T11:00:00+05:00'))).toThrow(
      /refused/,
    );
  });
});

describe('addRefusal (§12)', () => {
  const context: EscalationContext = {
    now: new Date('2026-12-30T10:00:00+05:00'),
    bodyName: { kk: 'Әкімдік', ru: 'Акимат' },
    recipients: { to: ['quality@gov.kz'], cc: ['ucc@1414.kz'] },
  };
  const refused = (id: string, ground: 'other' | 'state_secret') =>
    refusalOf(refuseInformationRequest(opened(id), { ground, justification: 'j', attachments: [doc(2)] }, contextAt('2026-12-30T10:00:00+05:00')).state);

  it('watches the first refusal, escalates the second with both and each document once, supplements the third, ignores a repeat', () => {
    const first = addRefusal(undefined, '010000000607', '2026-12', refused('req-a', 'state_secret'), context)!;
    expect(first.state).toMatchObject({ id: '010000000607:2026-12', status: 'watching', version: 1 });
    expect(first.messages).toEqual([]);

    const second = addRefusal(first.state, '010000000607', '2026-12', refused('req-b', 'other'), context)!;
    expect(second.state.status).toBe('escalated');
    expect(second.messages).toHaveLength(1);
    expect(second.messages[0]).toMatchObject({ messageId: 'escalation:010000000607:2026-12:letter', to: ['quality@gov.kz'], cc: ['ucc@1414.kz'] });
    expect(second.messages[0]?.documents?.map((document) => document.sha256)).toEqual([doc(1).sha256, doc(2).sha256]);
    expect(second.messages[0]?.text).toMatch(/правомерно \(пункт 11\.1\)[\s\S]*без законного основания/);

    const third = addRefusal(second.state, '010000000607', '2026-12', refused('req-c', 'other'), context)!;
    expect(third.messages.map((message) => message.purpose)).toEqual(['escalation-supplement']);
    expect(third.state.supplements.map((supplement) => supplement.requestId)).toEqual(['req-c']);

    expect(addRefusal(third.state, '010000000607', '2026-12', refused('req-b', 'other'), context)).toBeUndefined();
  });
});
