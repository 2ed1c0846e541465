import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/local-stack.ts';
import { KZ_SEED } from '#domain/calendar/kz-seed.ts';
import { apiClient, closeScenario, openBodyScenario, sentMails, type BodyScenario } from '../../support/local-stack.ts';
import { testBin } from '../../support/fixtures.ts';

type Api = ReturnType<typeof apiClient>;

describe('deadline monitor: reminders, breach, escalation, calendar changes (over HTTP, clock moved)', () => {
  let stack: LocalStack;
  let admin: Api;
  let operator: Api;
  let akimat: Api;
  const bodyId = testBin(500);
  const bodyEmail = `office-${bodyId}@akimat.gov.kz`;
  const headEmail = `akim-${bodyId}@akimat.gov.kz`;
  let uccEmail: string;
  let acceptanceId: string;
  let deadlineId: string;

  let scenario: BodyScenario | undefined;

  beforeAll(async () => {
    scenario = await openBodyScenario(bodyId);
    ({ stack, admin, operator, akimat } = scenario);
    uccEmail = (await admin('GET', '/v1/bodies?kind=ucc')).body.items[0].email;
  });
  afterAll(() => closeScenario(scenario));

  const setClock = async (now: string) => expect((await admin('POST', '/local/clock', { body: { now } })).status).toBe(200);
  const sweepTwice = async () => {
    const first = await admin('POST', '/local/jobs/deadline-sweep');
    const second = await admin('POST', '/local/jobs/deadline-sweep');
    expect(first.status).toBe(200);
    expect(second.body.result.notices).toBe(0);
    return first.body.result as { due: number; notices: number };
  };
  const mailsMatching = async (pattern: RegExp) => (await sentMails(stack.sesEndpoint)).filter((mail) => pattern.test(mail.subject));

  it('puts the §5 appointment deadline under watch with its notice times', async () => {
    await setClock('2026-03-19T10:00:00+05:00');
    const opened = await operator('POST', '/v1/acceptances', { body: { bodyId, serviceCode: 'D1', serviceName: { kk: 'Қызмет', ru: 'Услуга' } } });
    acceptanceId = opened.body.id;
    const list = await operator('GET', `/v1/deadlines?status=open&bodyId=${bodyId}`);
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    const [deadline] = list.body.items;
    deadlineId = deadline.id;
    expect(deadline).toMatchObject({
      key: 'appointResponsible',
      cite: '§5',
      rulebookId: 'kz-gov-797-2013',
      party: 'body',
      dueAt: '2026-03-26T23:59:59.999+05:00',
      subject: { type: 'acceptance', id: acceptanceId, bodyId },
      stages: {
        reminder: '2026-03-20T04:00:00.000Z', // Fri 20 March 09:00 Almaty: the working day before the due day
        dueDay: '2026-03-26T04:00:00.000Z', // Thu 26 March 09:00 Almaty
        breach: '2026-03-26T19:00:00.000Z', // 27 March 00:00 Almaty
        escalation: '2026-03-30T19:00:00.000Z', // 2 more working days (27, 30 March) unmet
      },
    });
    expect(deadline.derivation.length).toBeGreaterThan(3);
  });

  it('sends the reminder the working day before, once, to the body', async () => {
    await setClock('2026-03-20T08:59:00+05:00');
    expect((await sweepTwice()).notices).toBe(0);
    await setClock('2026-03-20T09:30:00+05:00');
    expect(await sweepTwice()).toEqual({ due: 1, notices: 1 });
    const reminders = await mailsMatching(/Напоминание: приближается срок/);
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.destination.to).toEqual([bodyEmail]);
    expect(reminders[0]?.body.text).toMatch(/26\.03\.2026 23:59/);
  });

  it('sends the due-day reminder on the morning of the due day, once', async () => {
    await setClock('2026-03-26T09:05:00+05:00');
    expect(await sweepTwice()).toEqual({ due: 1, notices: 1 });
    expect(await mailsMatching(/срок истекает сегодня/)).toHaveLength(1);
  });

  it('on breach tells the body and its head once, and records it on the compliance record (§21)', async () => {
    await setClock('2026-03-27T09:00:00+05:00');
    expect(await sweepTwice()).toEqual({ due: 1, notices: 1 });
    const breaches = await mailsMatching(/Нарушен срок/);
    expect(breaches).toHaveLength(1);
    expect(breaches[0]?.subject).toMatch(/Нарушен срок \(D1\): назначение ответственного лица \(пункт 5\)$/);
    expect(breaches[0]?.destination.to).toEqual([bodyEmail]);
    expect(breaches[0]?.destination.cc).toEqual([headEmail]);
    const compliance = await akimat('GET', `/v1/bodies/${bodyId}/compliance`);
    expect(compliance.body.violations.items).toEqual([
      expect.objectContaining({ rule: 'appointResponsible', cite: '§5', dueAt: '2026-03-26T23:59:59.999+05:00' }),
    ]);
    const overdue = await operator('GET', '/v1/deadlines?status=overdue');
    expect(overdue.body.items.map((item: { id: string }) => item.id)).toContain(deadlineId);
    const mine = await akimat('GET', '/v1/deadlines?status=overdue');
    expect(mine.body.items.map((item: { id: string }) => item.id)).toEqual([deadlineId]);
    const others = await akimat('GET', '/v1/deadlines?status=overdue&bodyId=' + testBin(501));
    expect(others.body.items).toEqual([]);
    // A clock set back before the due time (the local stack's clock can be) does not undo a
    // recorded breach: it stays overdue, as its violation stays on the compliance record.
    await setClock('2026-03-25T10:00:00+05:00');
    expect((await akimat('GET', '/v1/deadlines?status=overdue')).body.items.map((item: { id: string }) => item.id)).toEqual([deadlineId]);
    const byBody = await operator('GET', `/v1/deadlines?status=overdue&bodyId=${bodyId}&limit=1`);
    expect(byBody.body.items.map((item: { id: string }) => item.id)).toEqual([deadlineId]);
    await setClock('2026-03-27T09:00:00+05:00');
    const bad = await akimat('GET', '/v1/deadlines?status=late');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('query.status');
  });

  it('escalates to the UCC operators after 2 more working days, once', async () => {
    await setClock('2026-03-30T23:00:00+05:00');
    expect((await sweepTwice()).notices).toBe(0);
    await setClock('2026-03-31T09:00:00+05:00');
    expect(await sweepTwice()).toEqual({ due: 1, notices: 1 });
    const escalations = await mailsMatching(/Нарушение срока: операторам ЕКЦ/);
    expect(escalations).toHaveLength(1);
    expect(escalations[0]?.destination.to).toEqual([uccEmail]);
    // The UCC reads which body and which step, by name and §, without opening a record.
    expect(escalations[0]?.subject).toContain('назначение ответственного лица (пункт 5)');
    expect(escalations[0]?.body.text).toContain(`Орган: Акимат ${bodyId} (БИН ${bodyId})`);
    expect(await sweepTwice()).toEqual({ due: 0, notices: 0 });
  });

  it('closes the deadline as missed when the body finally acts, and watches the next one', async () => {
    await setClock('2026-03-31T10:00:00+05:00');
    const appointed = await akimat('POST', `/v1/acceptances/${acceptanceId}/responsible-person`, {
      body: { fullName: 'Ответственный', position: 'Специалист', email: 'resp@akimat.gov.kz', phone: '+77010000001' },
    });
    expect(appointed.status).toBe(200);
    const missed = await operator('GET', `/v1/deadlines?status=missed&bodyId=${bodyId}`);
    expect(missed.body.items.map((item: { id: string }) => item.id)).toEqual([deadlineId]);
    const open = await operator('GET', `/v1/deadlines?status=open&bodyId=${bodyId}`);
    expect(open.body.items).toHaveLength(1);
    // Appointed Tue 31 March: 1, 2, 3 April.
    expect(open.body.items[0]).toMatchObject({ key: 'submitInformation', dueAt: '2026-04-03T23:59:59.999+05:00' });
  });

  it('moves an open deadline when an admin changes the calendar, and tells the responsible person', async () => {
    const seed2026 = KZ_SEED.find((year) => year.year === 2026)!;
    const transfer = {
      date: '2026-04-02',
      kind: 'transfer-off',
      name: { kk: 'Демалыс күні', ru: 'Выходной день', en: 'Day off' },
      source: 'Government decree (test)',
    };
    const put = await admin('PUT', '/v1/calendars/KZ/2026', { body: { entries: [...seed2026.entries, transfer] } });
    expect(put.status).toBe(200);
    expect(put.body.changedDates).toEqual(['2026-04-02']);
    // The PUT answers at once; the recount of open deadlines runs off the request, readable as it goes.
    expect(put.body.recalculation).toEqual({ status: 'queued', href: '/v1/calendars/KZ/2026/recalculation' });
    const progress = await admin('GET', put.body.recalculation.href);
    expect(progress.status).toBe(200);
    expect(progress.body).toMatchObject({ status: 'finished', changedDates: ['2026-04-02'], subjectsMoved: 1, phase: 'noticeTimes' });
    expect(progress.body.pages).toBeGreaterThanOrEqual(3);

    const open = await operator('GET', `/v1/deadlines?status=open&bodyId=${bodyId}`);
    // 2 April is now a day off: 1, 3, 6 April.
    expect(open.body.items[0]).toMatchObject({ key: 'submitInformation', dueAt: '2026-04-06T23:59:59.999+05:00' });
    const acceptance = await akimat('GET', `/v1/acceptances/${acceptanceId}`);
    expect(acceptance.body.deadlines.find((d: { key: string }) => d.key === 'submitInformation').dueAt).toBe('2026-04-06T23:59:59.999+05:00');
    expect(acceptance.body.nextDueAt).toBe('2026-04-06T23:59:59.999+05:00');
    const moved = await mailsMatching(/Срок изменен/);
    expect(moved).toHaveLength(1);
    expect(moved[0]?.destination.to).toEqual(['resp@akimat.gov.kz']);
    expect(moved[0]?.body.text).toMatch(/03\.04\.2026.*06\.04\.2026/s);
    const events = await operator('GET', `/v1/acceptances/${acceptanceId}/events?limit=100`);
    expect(events.body.items.map((event: { type: string }) => event.type)).toContain('DeadlineMoved');

    // The same calendar again changes nothing and mails nobody.
    const again = await admin('PUT', '/v1/calendars/KZ/2026', { body: { entries: [...seed2026.entries, transfer] } });
    expect(again.body.changedDates).toEqual([]);
    expect(await mailsMatching(/Срок изменен/)).toHaveLength(1);
  });

  it('after a day the system was down, sends the breach but skips reminders that came too late', async () => {
    await setClock('2026-04-06T10:00:00+05:00');
    const opened = await operator('POST', '/v1/acceptances', { body: { bodyId, serviceCode: 'D2', serviceName: { kk: 'Қызмет 2', ru: 'Услуга 2' } } });
    expect(opened.status).toBe(201);
    // Due Wed 8 April (7, 8 April). Nothing runs until Thursday morning.
    await setClock('2026-04-09T09:00:00+05:00');
    const before = (await sentMails(stack.sesEndpoint)).length;
    await sweepTwice();
    const after = (await sentMails(stack.sesEndpoint)).slice(before).filter((mail) => /\(D2\)/.test(mail.subject));
    expect(after.map((mail) => mail.subject)).toEqual([expect.stringMatching(/Нарушен срок \(D2\)/)]);
    const d2 = (await operator('GET', `/v1/deadlines?status=open&bodyId=${bodyId}`)).body.items.find(
      (item: { subject: { serviceCode: string } }) => item.subject.serviceCode === 'D2',
    );
    expect(d2.notices).toMatchObject({ reminder: { outcome: 'skipped' }, dueDay: { outcome: 'skipped' }, breach: { outcome: 'sent' } });
  });
});
