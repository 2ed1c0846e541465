import { describe, expect, it } from 'vitest';
import { KZ_SEED } from '#domain/calendar/kz-seed.ts';
import { WorkingCalendar } from '#domain/calendar/working-calendar.ts';
import {
  outcomeAccess,
  recountComplaintDeadlines,
  registerComplaint,
  resolveComplaint,
  reviewPeriodOf,
  type Complaint,
  type ComplaintAddressee,
  type ComplaintContext,
  type ComplaintOutcome,
} from '#domain/complaints/complaint.ts';
import { complaintViolationOf, summarizeComplaintViolations } from '#domain/complaints/complaint-violations.ts';
import { RULEBOOK_2013 } from '#domain/rulebook/seed-rulebooks.ts';

const calendar = new WorkingCalendar(KZ_SEED);
const providerId = '010000000607';
const authorityId = '020000000515';
const contextAt = (now: string, actor = 'ucc-operator'): ComplaintContext => ({
  now: new Date(now),
  actor,
  calendar,
  rulebook: RULEBOOK_2013,
  recipients: { reviewer: ['office@akimat.gov.kz', 'person@akimat.gov.kz'], uccEmail: 'ucc@1414.kz' },
});
const complainant = { fullName: 'Серикова Алия Нурлановна', phone: '+77012345678', email: 'aliya@mail.kz' };

function registered(
  receivedAt: string,
  options: { addressedTo?: ComplaintAddressee; registeredOn?: string; now?: string } = {},
): ComplaintOutcome {
  const addressedTo = options.addressedTo ?? 'service_provider';
  return registerComplaint(
    {
      id: 'cmp-0123456789abcdef0123456789abcdef',
      portalNumber: 'ZT-1',
      bodyId: providerId,
      bodyKind: 'local_executive_body',
      addressedTo,
      reviewerId: addressedTo === 'quality_authority' ? authorityId : providerId,
      reviewerKind: addressedTo === 'quality_authority' ? 'quality_authority' : 'local_executive_body',
      category: 'procedure',
      serviceCode: '00301001',
      serviceName: 'Выдача адресной справки',
      complainant,
      receivedAt: new Date(receivedAt).toISOString(),
      document: { fileName: 'complaint.p7s', contentType: 'application/pkcs7-signature', size: 10, sha256: 'a'.repeat(64) },
      ...(options.registeredOn === undefined ? {} : { registeredOn: options.registeredOn }),
    },
    contextAt(options.now ?? receivedAt),
  );
}

const dueOf = (state: Complaint) => state.deadlines[0]!;

describe('registerComplaint (§17, Law "On public services" Art. 25)', () => {
  it('counts 5 working days over Nauryz from a Friday registration: due Wednesday 1 April', () => {
    // Arrange: Friday 20 March 2026; 21–25 March are days off (Nauryz, two moved from the weekend)
    // Act
    const { state, events } = registered('2026-03-20T11:00:00+05:00');
    // Assert
    expect(dueOf(state)).toMatchObject({ key: 'complaintReview', dueDate: '2026-04-01', dueAt: '2026-04-01T23:59:59.999+05:00', party: 'body' });
    expect(dueOf(state).cite).toBe('Law "On public services" No. 88-V of 15 April 2013, Art. 25');
    expect(dueOf(state).derivation.filter((step) => !step.counted).map((step) => step.date)).toEqual([
      '2026-03-20',
      '2026-03-21',
      '2026-03-22',
      '2026-03-23',
      '2026-03-24',
      '2026-03-25',
      '2026-03-28',
      '2026-03-29',
    ]);
    expect(events.map((event) => event.type)).toEqual(['ComplaintRegistered', 'DeadlineOpened']);
  });

  it('gives the quality authority 15 working days, and makes the deadline its own', () => {
    // Act
    const { state, events, messages } = registered('2026-03-20T11:00:00+05:00', { addressedTo: 'quality_authority' });
    // Assert
    expect(dueOf(state)).toMatchObject({ key: 'complaintReviewByAuthority', dueDate: '2026-04-15' });
    expect(events[1]!.data).toMatchObject({ bodyId: authorityId, subject: { type: 'complaint', bodyId: authorityId, serviceCode: '00301001' } });
    expect(messages[0]!.subject).toContain('зарегистрирована жалоба ZT-1');
  });

  it('counts across New Year with a transferred day off: registered 31 December 2024, due Friday 10 January 2025', () => {
    // 1–2 January holidays, 3 January a day off transferred from Sunday 5 January (which works), 7 January Christmas.
    const { state } = registered('2024-12-31T16:00:00+05:00');
    expect(dueOf(state).dueDate).toBe('2025-01-10');
    expect(dueOf(state).derivation.find((step) => step.date === '2025-01-05')).toMatchObject({ counted: true, dayNumber: 1 });
  });

  it('counts a working Saturday: registered Friday 3 May 2024, Saturday 4 May is day 1, due 14 May', () => {
    const { state } = registered('2024-05-03T10:00:00+05:00');
    expect(dueOf(state).dueDate).toBe('2024-05-14');
    expect(dueOf(state).derivation.find((step) => step.date === '2024-05-04')).toMatchObject({ counted: true, dayNumber: 1 });
  });

  it('counts over the year end: registered Tuesday 29 December 2026, due Friday 8 January 2027 (15 working days: 22 January)', () => {
    expect(dueOf(registered('2026-12-29T10:00:00+05:00').state).dueDate).toBe('2027-01-08');
    expect(dueOf(registered('2026-12-29T10:00:00+05:00', { addressedTo: 'quality_authority' }).state).dueDate).toBe('2027-01-22');
  });

  it('takes the registration day from the Almaty date of receipt, or as given, and counts from it', () => {
    // 20:30 UTC on 19 March is 01:30 on 20 March in Almaty.
    const byReceipt = registered('2026-03-19T20:30:00Z');
    const later = registered('2026-03-19T10:00:00+05:00', { registeredOn: '2026-03-20', now: '2026-03-20T12:00:00+05:00' });
    expect(byReceipt.state.registeredOn).toBe('2026-03-20');
    expect(dueOf(byReceipt.state).dueDate).toBe('2026-04-01');
    expect(later.state.registeredOn).toBe('2026-03-20');
    expect(dueOf(later.state).dueDate).toBe('2026-04-01');
  });

  it('refuses a receipt in the future and a registration before the receipt or after today, naming the field', () => {
    expect(() => registered('2026-03-20T11:00:00+05:00', { now: '2026-03-20T10:00:00+05:00' })).toThrow(/body.receivedAt/);
    expect(() => registered('2026-03-20T11:00:00+05:00', { registeredOn: '2026-03-19' })).toThrow(/body.registeredOn: must not be before/);
    expect(() => registered('2026-03-20T11:00:00+05:00', { registeredOn: '2026-03-21' })).toThrow(/body.registeredOn: must not be in the future/);
  });

  it('keeps the complainant out of events and e-mails', () => {
    const { events, messages } = registered('2026-03-20T11:00:00+05:00');
    expect(JSON.stringify([events, messages])).not.toMatch(/Серикова|77012345678|aliya/);
    expect(messages[0]!.to).toEqual(['office@akimat.gov.kz', 'person@akimat.gov.kz']);
  });
});

describe('resolveComplaint', () => {
  const open = () => registered('2026-03-20T11:00:00+05:00').state;
  const outcome = { decision: 'satisfied' as const, summary: 'Справка выдана', attachments: [] };

  it('closes the review period met on its last minute, with no violation', () => {
    // Act
    const { state, events, messages } = resolveComplaint(open(), outcome, contextAt('2026-04-01T23:59:00+05:00', 'akimat-client'));
    // Assert
    expect(state).toMatchObject({ status: 'resolved', outcome: { decision: 'satisfied', inTime: true, by: 'akimat-client' }, version: 2 });
    expect(dueOf(state).status).toBe('met');
    expect(events.map((event) => event.type)).toEqual(['ComplaintResolved', 'DeadlineClosed']);
    expect(messages.map((message) => message.to)).toEqual([['ucc@1414.kz']]);
  });

  it('after the due date: missed, and a violation named by its deadline at the moment the period ran out', () => {
    // Act: 00:10 on Thursday 2 April in Almaty
    const { state, events, messages } = resolveComplaint(open(), outcome, contextAt('2026-04-01T19:10:00Z'));
    // Assert
    expect(state.outcome?.inTime).toBe(false);
    expect(dueOf(state).status).toBe('missed');
    const violation = events.find((event) => event.type === 'ComplianceViolationRecorded');
    expect(violation?.data).toEqual({
      bodyId: providerId,
      rule: 'complaintReview',
      cite: dueOf(state).cite,
      dueAt: '2026-04-01T23:59:59.999+05:00',
      occurredAt: '2026-04-01T19:00:00.000Z',
      subject: { kind: 'complaint', id: state.id, deadlineId: dueOf(state).id },
      violationId: `${dueOf(state).id}:breach`,
    });
    expect(messages[0]!.text).toContain('нарушен установленный законом срок рассмотрения');
  });

  it('records an outcome once', () => {
    const resolved = resolveComplaint(open(), outcome, contextAt('2026-03-25T10:00:00+05:00')).state;
    expect(() => resolveComplaint(resolved, outcome, contextAt('2026-03-25T11:00:00+05:00'))).toThrow(/resolved/);
  });
});

describe('outcomeAccess', () => {
  const toProvider = { bodyId: providerId, addressedTo: 'service_provider' as const };
  const toAuthority = { bodyId: providerId, addressedTo: 'quality_authority' as const };

  it('lets the body record its own complaints, the quality authority those addressed to it, the admin any', () => {
    expect(outcomeAccess(toProvider, { role: 'body', bodyId: providerId })).toBe('allowed');
    expect(outcomeAccess(toProvider, { role: 'provider', bodyId: providerId })).toBe('allowed');
    expect(outcomeAccess(toAuthority, { role: 'quality_authority' })).toBe('allowed');
    expect(outcomeAccess(toAuthority, { role: 'ucc_admin' })).toBe('allowed');
  });

  it('hides another body’s complaint and forbids acting for the other reviewer', () => {
    expect(outcomeAccess(toProvider, { role: 'body', bodyId: authorityId })).toBe('hidden');
    expect(outcomeAccess(toAuthority, { role: 'body', bodyId: providerId })).toBe('forbidden');
    expect(outcomeAccess(toProvider, { role: 'quality_authority' })).toBe('forbidden');
    expect(outcomeAccess(toProvider, { role: 'ucc_operator' })).toBe('forbidden');
  });
});

describe('reviewPeriodOf', () => {
  it('says the period, its citation and due date, and whether it has passed', () => {
    const { state } = registered('2026-03-20T11:00:00+05:00');
    expect(reviewPeriodOf(state, RULEBOOK_2013, new Date('2026-04-01T12:00:00+05:00'))).toMatchObject({
      rule: 'complaintReview',
      workingDays: 5,
      cite: 'Law "On public services" No. 88-V of 15 April 2013, Art. 25',
      registeredOn: '2026-03-20',
      dueDate: '2026-04-01',
      status: 'open',
      overdue: false,
    });
    expect(reviewPeriodOf(state, RULEBOOK_2013, new Date('2026-04-02T00:00:00+05:00')).overdue).toBe(true);
  });
});

describe('recountComplaintDeadlines', () => {
  it('moves an open review period when a day off is added, and nothing otherwise', () => {
    // Arrange: 26 March 2026 made a day off
    const { state } = registered('2026-03-20T11:00:00+05:00');
    const changed = new WorkingCalendar(
      KZ_SEED.map((year) =>
        year.year !== 2026
          ? year
          : { ...year, entries: [...year.entries, { date: '2026-03-26', kind: 'transfer-off' as const, name: { kk: 'x', ru: 'x', en: 'x' }, source: 'test' }] },
      ),
    );
    // Act
    const moved = recountComplaintDeadlines(state, [dueOf(state).id], { now: new Date('2026-03-21T10:00:00+05:00'), actor: 'calendar-change', calendar: changed, rulebook: RULEBOOK_2013 });
    const unmoved = recountComplaintDeadlines(state, [dueOf(state).id], { now: new Date('2026-03-21T10:00:00+05:00'), actor: 'calendar-change', calendar, rulebook: RULEBOOK_2013 });
    // Assert
    expect(moved?.state.deadlines[0]?.dueDate).toBe('2026-04-02');
    expect(moved?.events.map((event) => event.type)).toEqual(['DeadlineMoved']);
    expect(unmoved).toBeUndefined();
  });
});

describe('summarizeComplaintViolations (§18)', () => {
  it('counts by the kind of the body that missed the period, always naming the four kinds', () => {
    // Arrange
    const toProvider = registered('2026-03-20T11:00:00+05:00').state;
    const toAuthority = { ...registered('2026-03-20T11:00:00+05:00', { addressedTo: 'quality_authority' }).state, id: 'cmp-2' };
    const breach = (complaint: Complaint) => ({ rule: complaint.reviewRule, cite: 'Art. 25', dueAt: dueOf(complaint).dueAt, occurredAt: '2026-04-01T19:00:00.000Z' });
    // Act
    const summary = summarizeComplaintViolations('2026-04', [complaintViolationOf(toProvider, breach(toProvider)), complaintViolationOf(toAuthority, breach(toAuthority))]);
    // Assert
    expect(complaintViolationOf(toProvider, breach(toProvider)).month).toBe('2026-04');
    expect(summary.byKind).toEqual({ central_body: 0, local_executive_body: 1, public_service_center: 0, service_provider: 0, quality_authority: 1 });
    expect(summary.byBody.map((entry) => [entry.bodyId, entry.violations])).toEqual([
      [providerId, 1],
      [authorityId, 1],
    ]);
    expect(summary.total).toBe(2);
  });
});
