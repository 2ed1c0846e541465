import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/local-stack.ts';
import { dynamo, tableName } from '#adapters/dynamo.ts';
import { apiClient, closeScenario, openBodyScenario, sentMails, settled, type BodyScenario } from '../../support/local-stack.ts';
import { informationFor, seedYearWithDaysOff, testBin } from '../../support/fixtures.ts';

type Api = ReturnType<typeof apiClient>;

describe('deadline edges: §9 start after a calendar change, overdue at Almaty midnight, no breach for a met deadline', () => {
  let stack: LocalStack;
  let admin: Api;
  let operator: Api;
  let akimat: Api;
  const bodyId = testBin(800);

  let scenario: BodyScenario | undefined;

  beforeAll(async () => {
    scenario = await openBodyScenario(bodyId);
    ({ stack, admin, operator, akimat } = scenario);
  });
  afterAll(() => closeScenario(scenario));
  const setClock = (now: string) => admin('POST', '/local/clock', { body: { now } });
  const person = { fullName: 'Исполнитель', position: 'Специалист', email: 'exec@akimat.gov.kz', phone: '+77010000000' };

  it('moves the §9 start date when a day off is added inside its five working days', async () => {
    await setClock('2026-04-01T09:00:00+05:00');
    const { body: opened } = await operator('POST', '/v1/acceptances', { body: { bodyId, serviceCode: 'E1', serviceName: { kk: 'Қызмет', ru: 'Услуга' } } });
    await akimat('POST', `/v1/acceptances/${opened.id}/responsible-person`, { body: person });
    await akimat('POST', `/v1/acceptances/${opened.id}/information`, { body: informationFor('E1') });
    await operator('POST', `/v1/acceptances/${opened.id}/registration`, { body: {} });
    await akimat('POST', `/v1/acceptances/${opened.id}/training`, { body: { heldOn: '2026-04-01', participants: [{ fullName: 'A' }] } });
    const protocol = await operator('POST', `/v1/acceptances/${opened.id}/protocol`, {
      body: { signedOn: '2026-04-01', signatories: [{ fullName: 'U', position: 'D', party: 'ucc' }, { fullName: 'B', position: 'A', party: 'body' }] },
    });
    // Signed Wed 1 April: 2, 3, 6, 7, 8 April pass; consulting starts Thu 9 April.
    expect(protocol.body.consultationStartsOn).toBe('2026-04-09');

    expect((await admin('PUT', '/v1/calendars/KZ/2026', { body: seedYearWithDaysOff(2026, '2026-04-06') })).status).toBe(200);
    // Now 2, 3, 7, 8, 9 April pass: Friday 10 April.
    const after = await operator('GET', `/v1/acceptances/${opened.id}`);
    expect(after.body.consultationStartsOn).toBe('2026-04-10');
    await setClock('2026-04-09T08:00:00+05:00');
    expect((await admin('POST', '/local/jobs/acceptance-daily')).body.result.started.live).toEqual([]);
    await setClock('2026-04-10T08:00:00+05:00');
    expect((await admin('POST', '/local/jobs/acceptance-daily')).body.result.started.live).toEqual([opened.id]);
  });

  it('recounts the escalation of a deadline due before the changed day', async () => {
    await setClock('2026-05-04T10:00:00+05:00');
    const { body: opened } = await operator('POST', '/v1/acceptances', { body: { bodyId, serviceCode: 'E4', serviceName: { kk: 'Қызмет', ru: 'Услуга' } } });
    const watch = async () =>
      (await operator('GET', `/v1/deadlines?status=open&bodyId=${bodyId}`)).body.items.find((d: { id: string }) => d.id === `${opened.id}:appointResponsible:1`);
    // Due Wed 6 May (5, 6 May). Escalation after 2 more working days: 7 May (holiday), 8 May,
    // 11 May (Victory Day moved), 12 May → 13 May 00:00 Almaty.
    expect((await watch()).stages.escalation).toBe('2026-05-12T19:00:00.000Z');
    const put = await admin('PUT', '/v1/calendars/KZ/2026', { body: seedYearWithDaysOff(2026, '2026-04-06', '2026-05-12') });
    expect(put.body.changedDates).toEqual(['2026-05-12']);
    // 12 May is off now: 8 and 13 May → 14 May 00:00 Almaty. The due date itself stays.
    const after = await watch();
    expect(after.dueAt).toBe('2026-05-06T23:59:59.999+05:00');
    expect(after.stages.escalation).toBe('2026-05-13T19:00:00.000Z');
  });

  it('lists an acceptance as overdue from Almaty midnight, not from UTC midnight', async () => {
    await setClock('2026-06-01T10:00:00+05:00');
    const { body: opened } = await operator('POST', '/v1/acceptances', { body: { bodyId, serviceCode: 'E2', serviceName: { kk: 'Қызмет', ru: 'Услуга' } } });
    expect(opened.nextDueAt).toBe('2026-06-03T23:59:59.999+05:00');
    await setClock('2026-06-03T23:59:00+05:00');
    expect((await operator('GET', `/v1/acceptances?bodyId=${bodyId}&overdue=true`)).body.items.map((a: { id: string }) => a.id)).not.toContain(opened.id);
    await setClock('2026-06-04T00:30:00+05:00'); // 3 June 19:30 UTC
    expect((await operator('GET', `/v1/acceptances?bodyId=${bodyId}&overdue=true`)).body.items.map((a: { id: string }) => a.id)).toContain(opened.id);
  });

  it('sends no breach for a deadline its owner already closed, and closes the watch instead', async () => {
    await setClock('2026-06-10T10:00:00+05:00');
    const { body: opened } = await operator('POST', '/v1/acceptances', { body: { bodyId, serviceCode: 'E3', serviceName: { kk: 'Қызмет', ru: 'Услуга' } } });
    await setClock('2026-06-12T23:59:30+05:00');
    expect((await akimat('POST', `/v1/acceptances/${opened.id}/responsible-person`, { body: person })).status).toBe(200);
    // Simulate a close event not yet projected: the watch still says open at the breach moment.
    await settled();
    const deadlineId = `${opened.id}:appointResponsible:1`;
    const key = { pk: `DEADLINE#${deadlineId}`, sk: 'DEADLINE' };
    const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: key }));
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: 'SET #status = :open, duePk = :due, dueSk = :sk REMOVE closedAt',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':open': 'open', ':due': 'DUE', ':sk': `${Item?.stages.breach}#${deadlineId}` },
      }),
    );
    await setClock('2026-06-13T00:00:05+05:00');
    const before = (await sentMails(stack.sesEndpoint)).length;
    const fired = await admin('POST', '/local/jobs/fire-deadline', { body: { deadlineId } });
    expect(fired.body.result.sent).toEqual([]);
    const breaches = (await sentMails(stack.sesEndpoint)).slice(before).filter((mail) => /Нарушен срок \(E3\)/.test(mail.subject));
    expect(breaches).toEqual([]);
    const watched = await operator('GET', `/v1/deadlines?status=met&bodyId=${bodyId}`);
    expect(watched.body.items.map((d: { id: string }) => d.id)).toContain(deadlineId);
  });
});
