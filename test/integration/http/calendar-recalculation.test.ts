import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECALCULATION_PAGE } from '#domain/deadlines/calendar-recalculation.ts';
import { closeScenario, openBodyScenario, sentMails, type BodyScenario } from '../../support/local-stack.ts';
import { seedYearWithDaysOff, testBin } from '../../support/fixtures.ts';

/** More open deadlines than one page holds: the recount after a calendar change runs in several pages. */
const OPEN = RECALCULATION_PAGE * 2 + 5;
const bodyId = testBin(812);

describe('calendar recalculation (PUT /v1/calendars/KZ/{year} → recount off the request, in pages)', () => {
  let scenario: BodyScenario;
  beforeAll(async () => {
    scenario = await openBodyScenario(bodyId);
  });
  afterAll(async () => closeScenario(scenario));

  it('moves every open deadline a new day off touches, once, in resumable pages, and tells each party once', async () => {
    const { admin, operator, stack } = scenario;
    // Opened Mon 5 Oct 2026 10:00: the §5 appointment is due in 2 working days, Wed 7 Oct.
    expect((await admin('POST', '/local/clock', { body: { now: '2026-10-05T10:00:00+05:00' } })).status).toBe(200);
    const opened: string[] = [];
    for (let index = 0; index < OPEN; index += 1) {
      const response = await operator('POST', '/v1/acceptances', {
        body: { bodyId, serviceCode: `R${String(index).padStart(5, '0')}`, serviceName: { kk: 'Қызмет', ru: 'Услуга' } },
      });
      expect(response.status).toBe(201);
      opened.push(response.body.id);
    }
    const before = await operator('GET', `/v1/deadlines?status=open&bodyId=${bodyId}&limit=100`);
    expect(before.body.items).toHaveLength(OPEN);
    expect(new Set(before.body.items.map((d: { dueAt: string }) => d.dueAt))).toEqual(new Set(['2026-10-07T23:59:59.999+05:00']));

    // Tue 6 Oct becomes a day off: each is now due Thu 8 Oct.
    const put = await admin('PUT', '/v1/calendars/KZ/2026', { body: seedYearWithDaysOff(2026, '2026-10-06') });
    expect(put.status).toBe(200);
    expect(put.body.changedDates).toEqual(['2026-10-06']);

    const progress = await admin('GET', '/v1/calendars/KZ/2026/recalculation');
    expect(progress.body).toMatchObject({ status: 'finished', subjectsMoved: OPEN });
    expect(progress.body.examined).toBeGreaterThanOrEqual(OPEN);
    // Deadlines: ⌈OPEN / page⌉ pages; then §9 start dates and notice times, a page each at least.
    expect(progress.body.pages).toBeGreaterThanOrEqual(Math.ceil(OPEN / RECALCULATION_PAGE) + 2);
    const after = await operator('GET', `/v1/deadlines?status=open&bodyId=${bodyId}&limit=100`);
    expect(after.body.items).toHaveLength(OPEN);
    expect(new Set(after.body.items.map((d: { dueAt: string }) => d.dueAt))).toEqual(new Set(['2026-10-08T23:59:59.999+05:00']));
    const moved = (await sentMails(stack.sesEndpoint)).filter((mail) => /Срок изменен/.test(mail.subject));
    expect(moved).toHaveLength(OPEN);
    const events = await admin('GET', '/v1/calendars/KZ/2026/audit');
    expect(events.status).toBe(200);

    // Publishing the same year again changes nothing: no new recount, nobody mailed again.
    const again = await admin('PUT', '/v1/calendars/KZ/2026', { body: seedYearWithDaysOff(2026, '2026-10-06') });
    expect(again.body.changedDates).toEqual([]);
    expect(again.body.recalculation).toBeUndefined();
    expect((await sentMails(stack.sesEndpoint)).filter((mail) => /Срок изменен/.test(mail.subject))).toHaveLength(OPEN);
    expect(opened).toHaveLength(OPEN);
  }, 120_000);
});
