import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, clearMails, closeScenario, openBodyScenario, registerAuthorityBodies, sentMails, type BodyScenario } from '../../support/local-stack.ts';
import { seedYearWithDaysOff, testBin } from '../../support/fixtures.ts';

type Api = ReturnType<typeof apiClient>;
type Listed = { id: string; status: string; dueDate: string; dueAt: string; cite: string; party: string; subject: { type: string; id: string; bodyId: string }; breachedAt?: string; closedAt?: string };

const lebId = testBin(1510);
const qualityId = testBin(1511);
const informatizationId = testBin(1512);
const uccId = testBin(1513);
const deadlineOf = (type: string, period: string) => `rpt-${type}-${period}:${type === 'monthly-complaints' ? 'monthlyReport' : 'quarterlyReport'}:1`;

/**
 * Each period's report as a monitored deadline (§18: by the 5th of M+1; §13–§14: 10 calendar
 * days after the quarter; a last day off moves to the next working day): listed before delivery,
 * closed met or late by delivery, breached by the sweep when the system never delivered it.
 */
describe('report deadlines (§18, §13–§14) on the deadline list', () => {
  let scenario: BodyScenario;
  let quality: Api;
  let informatization: Api;
  const setClock = async (now: string) => expect((await scenario.admin('POST', '/local/clock', { body: { now } })).status).toBe(200);
  const run = async (job: string) => {
    const response = await scenario.admin('POST', `/local/jobs/${job}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body.result;
  };
  const listed = async (client: Api, query: string): Promise<Listed[]> => {
    const response = await client('GET', `/v1/deadlines?limit=100&${query}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body.items;
  };
  const find = async (id: string, status: string) => (await listed(scenario.operator, `status=${status}`)).find((deadline) => deadline.id === id);
  const breachMails = async (period: string) =>
    (await sentMails(scenario.stack.sesEndpoint)).filter((mail) => mail.subject.includes(`Нарушен срок (rpt-monthly-complaints-${period})`));

  beforeAll(async () => {
    scenario = await openBodyScenario(lebId);
    ({ quality, informatization } = await registerAuthorityBodies(scenario, { quality: qualityId, informatization: informatizationId, ucc: uccId }));
  });
  afterAll(async () => closeScenario(scenario));

  it('closes March met on its delivery (due Monday 6 April, the 5th a Sunday) and lists April’s, due 5 May, before its delivery', async () => {
    // Arrange: 1 April 2026, 09:00 Almaty
    await setClock('2026-04-01T09:00:00+05:00');
    // Act
    const result = await run('monthly-report');
    // Assert
    expect(result.delivered).toEqual(['2026-03']);
    const march = await find(deadlineOf('monthly-complaints', '2026-03'), 'met');
    expect(march).toMatchObject({ dueDate: '2026-04-06', dueAt: '2026-04-06T23:59:59.999+05:00', cite: '§18', party: 'ucc', subject: { type: 'report', bodyId: qualityId } });
    const april = await find(deadlineOf('monthly-complaints', '2026-04'), 'open');
    expect(april).toMatchObject({ status: 'open', dueDate: '2026-05-05', subject: { type: 'report', id: 'rpt-monthly-complaints-2026-04', bodyId: qualityId } });
  });

  it('tracks a period once when the job runs again', async () => {
    // Act
    await run('monthly-report');
    // Assert
    const open = (await listed(scenario.operator, 'status=open')).filter((deadline) => deadline.subject.type === 'report');
    expect(open.map((deadline) => deadline.id)).toEqual([deadlineOf('monthly-complaints', '2026-04')]);
  });

  it('lets the UCC and the authority it is for read it, not a body', async () => {
    // Arrange: the quarterly report of Q1 delivered, Q2's tracked
    expect((await run('quarterly-report')).delivered).toEqual(['2026-Q1']);
    // Act
    const byQuality = await listed(quality, `status=open&bodyId=${qualityId}`);
    const byInformatization = await listed(informatization, 'status=open');
    const byBody = await listed(scenario.akimat, 'status=open');
    const byBodyAsking = await listed(scenario.akimat, `status=open&bodyId=${qualityId}`);
    // Assert
    expect(byQuality.map((deadline) => deadline.id)).toEqual([deadlineOf('monthly-complaints', '2026-04')]);
    // §14: 10 calendar days after 30 June: Friday 10 July
    expect(byInformatization.map((deadline) => [deadline.id, deadline.dueDate, deadline.cite])).toEqual([[deadlineOf('quarterly-appeals', '2026-Q2'), '2026-07-10', '§14']]);
    expect(byBody.filter((deadline) => deadline.subject.type === 'report')).toEqual([]);
    expect(byBodyAsking).toEqual([]);
  });

  it('closes April met when delivered on 1 May', async () => {
    // Arrange
    await setClock('2026-05-01T09:00:00+05:00');
    // Act
    const result = await run('monthly-report');
    // Assert
    expect(result).toEqual({ delivered: ['2026-04'], skipped: [], breaches: [] });
    expect(await find(deadlineOf('monthly-complaints', '2026-04'), 'met')).toMatchObject({ closedAt: expect.stringMatching(/^2026-05-01T04:0/) });
  });

  it('breaches May’s report at the sweep after its due date when the system was down (no run on 1 June), telling the UCC admin once', async () => {
    // Arrange: no job ran on 1 June; Saturday 6 June 2026, the day after the due date (Friday 5 June)
    await setClock('2026-06-06T09:00:00+05:00');
    await clearMails(scenario.stack.sesEndpoint);
    // Act
    await run('deadline-sweep');
    await run('deadline-sweep');
    // Assert
    const overdue = await listed(scenario.operator, 'status=overdue');
    const may = overdue.find((deadline) => deadline.id === deadlineOf('monthly-complaints', '2026-05'));
    expect(may).toMatchObject({ dueDate: '2026-06-05', breachedAt: expect.stringMatching(/^2026-06-06T04:0/) });
    const breaches = await breachMails('2026-05');
    expect(breaches.map((mail) => mail.destination.to)).toEqual([[`office-${uccId}@akimat.gov.kz`]]);
    expect(breaches[0]!.body.text).toContain('05.06.2026');
    // The reminders of a breached deadline are skipped, and the authority is not written to.
    const all = await sentMails(scenario.stack.sesEndpoint);
    expect(all.filter((mail) => mail.subject.includes('rpt-monthly-complaints-2026-05'))).toHaveLength(1);
    expect(all.filter((mail) => mail.destination.to.includes(`office-${qualityId}@akimat.gov.kz`))).toEqual([]);
  });

  it('delivers May at the catch-up run and closes it late, with no second notice; June’s is due Tuesday 7 July (the 5th a Sunday, the 6th Capital Day)', async () => {
    // Arrange
    await clearMails(scenario.stack.sesEndpoint);
    // Act
    const result = await run('monthly-report');
    // Assert
    expect(result).toEqual({ delivered: ['2026-05'], skipped: [], breaches: ['2026-05'] });
    expect(await find(deadlineOf('monthly-complaints', '2026-05'), 'missed')).toMatchObject({ dueDate: '2026-06-05', closedAt: expect.stringMatching(/^2026-06-06T04:0/) });
    expect((await listed(scenario.operator, 'status=overdue')).map((deadline) => deadline.id)).not.toContain(deadlineOf('monthly-complaints', '2026-05'));
    expect(await breachMails('2026-05')).toEqual([]);
    const june = await find(deadlineOf('monthly-complaints', '2026-06'), 'open');
    expect(june).toMatchObject({ dueDate: '2026-07-07', dueAt: '2026-07-07T23:59:59.999+05:00' });
  });

  it('tells the UCC admin once of a report delivered late before any sweep saw it, and the sweep after it sends nothing more', async () => {
    // Arrange: June's report (due 7 July) not delivered; the first run after is on 8 July, before the sweep
    await setClock('2026-07-08T08:00:00+05:00');
    await clearMails(scenario.stack.sesEndpoint);
    // Act
    const result = await run('monthly-report');
    await run('deadline-sweep');
    // Assert
    expect(result).toEqual({ delivered: ['2026-06'], skipped: [], breaches: ['2026-06'] });
    expect(await find(deadlineOf('monthly-complaints', '2026-06'), 'missed')).toMatchObject({ dueDate: '2026-07-07' });
    expect((await breachMails('2026-06')).map((mail) => mail.destination.to)).toEqual([[`office-${uccId}@akimat.gov.kz`]]);
  });

  it('moves July’s due date when an admin makes Wednesday 5 August a day off: due Thursday 6 August', async () => {
    // Arrange: July's report (due 5 August) was opened by the 8 July run
    const july = deadlineOf('monthly-complaints', '2026-07');
    expect(await find(july, 'open')).toMatchObject({ dueDate: '2026-08-05' });
    // Act
    const put = await scenario.admin('PUT', '/v1/calendars/KZ/2026', { body: seedYearWithDaysOff(2026, '2026-08-05') });
    // Assert
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    // The recount runs in the effects; a read waits for them (settled).
    expect(await find(july, 'open')).toMatchObject({ dueDate: '2026-08-06', dueAt: '2026-08-06T23:59:59.999+05:00' });
  });
});
