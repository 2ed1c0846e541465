import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeScenario, openBodyScenario, sentMails, settled, type BodyScenario } from '../../support/local-stack.ts';
import { informationFor, testBin } from '../../support/fixtures.ts';

const bodyId = testBin(920);
const SERVICE = 'UPD-001';
const person = { fullName: 'Исполнитель', position: 'Специалист', email: 'exec-920@akimat.gov.kz', phone: '+77010000000' };

describe('information updates (§6): checked against 3 working days, registered as the next knowledge-base version', () => {
  let scenario: BodyScenario;
  const setClock = async (now: string) => expect((await scenario.admin('POST', '/local/clock', { body: { now } })).status).toBe(200);
  const submit = (changes: Record<string, unknown>, changedOn: string, extra: Record<string, unknown> = {}) =>
    scenario.akimat('POST', '/v1/information-updates', { body: { bodyId, serviceCode: SERVICE, changedOn, changes, ...extra } });

  beforeAll(async () => {
    scenario = await openBodyScenario(bodyId);
    // Arrange: the service accepted as far as its registration (§5): knowledge-base version 1.
    await setClock('2026-06-01T10:00:00+05:00');
    const opened = await scenario.operator('POST', '/v1/acceptances', { body: { bodyId, serviceCode: SERVICE, serviceName: { kk: 'Қызмет', ru: 'Услуга' } } });
    const id = opened.body.id;
    expect((await scenario.akimat('POST', `/v1/acceptances/${id}/responsible-person`, { body: person })).status).toBe(200);
    expect((await scenario.akimat('POST', `/v1/acceptances/${id}/information`, { body: informationFor(SERVICE) })).status).toBe(200);
    expect((await scenario.operator('POST', `/v1/acceptances/${id}/registration`, { body: {} })).status).toBe(200);
    await settled(); // its effect writes knowledge-base version 1
  });
  afterAll(async () => closeScenario(scenario));

  it('takes an update on time, keeps consulting on version 1 while it waits, and registers it as version 2 with its diff', async () => {
    // Changed Wednesday 3 June; due Monday 8 June (3 working days); sent Friday 5 June.
    await setClock('2026-06-05T10:00:00+05:00');
    const update = await submit({ schedule: { kk: 'Дс–Жм 9:00–19:00', ru: 'Пн–Пт 9:00–19:00' } }, '2026-06-03');
    expect(update.status).toBe(201);
    expect(update.body).toMatchObject({ status: 'submitted', baseVersion: 1, notice: { dueAt: '2026-06-08T23:59:59.999+05:00', late: false } });
    const waiting = await scenario.operator('GET', `/v1/knowledge-base/${bodyId}/${SERVICE}/information`);
    expect(waiting.body).toMatchObject({ version: 1, pendingUpdates: [expect.objectContaining({ id: update.body.id, fields: ['schedule'] })] });

    const registered = await scenario.operator('POST', `/v1/information-updates/${update.body.id}/registration`, { body: {} });
    expect(registered.status).toBe(200);
    const versions = await scenario.akimat('GET', `/v1/knowledge-base/${bodyId}/${SERVICE}/versions`);
    expect(versions.body.items.map((item: { version: number }) => item.version)).toEqual([2, 1]);
    expect(versions.body.items[0]).toMatchObject({ updateId: update.body.id, changes: [{ field: 'schedule', after: { ru: 'Пн–Пт 9:00–19:00' } }] });
    const current = await scenario.operator('GET', `/v1/knowledge-base/${bodyId}/${SERVICE}/information`);
    expect(current.body).toMatchObject({ version: 2, information: { schedule: { ru: 'Пн–Пт 9:00–19:00' }, serviceCode: SERVICE }, pendingUpdates: [] });
    expect((await sentMails(scenario.stack.sesEndpoint)).filter((mail) => /обновление информации UPD-001/.test(mail.subject))).toHaveLength(1);
  });

  it('records a late update as a §6 violation on the compliance record', async () => {
    // Changed Monday 1 June: due Thursday 4 June; sent Friday 5 June.
    const late = await submit({ fee: { free: false, amountKzt: 500 } }, '2026-06-01');
    expect(late.body.notice).toMatchObject({ dueAt: '2026-06-04T23:59:59.999+05:00', late: true });
    const compliance = await scenario.akimat('GET', `/v1/bodies/${bodyId}/compliance`);
    expect(compliance.body.violations.byRule).toMatchObject({ updateInformation: 1 });
    const returned = await scenario.operator('POST', `/v1/information-updates/${late.body.id}/return`, { body: { reasons: ['Не указано основание платы'] } });
    expect(returned.body).toMatchObject({ status: 'returned', returned: { reasons: ['Не указано основание платы'] } });
    const mails = (await sentMails(scenario.stack.sesEndpoint)).filter((mail) => /обновление возвращено/.test(mail.subject));
    expect(mails.map((mail) => mail.destination.to)).toEqual([[person.email]]);
    expect((await scenario.operator('POST', `/v1/information-updates/${late.body.id}/registration`, { body: {} })).status).toBe(409);
  });

  it('numbers two registrations at once 3 and 4, losing neither', async () => {
    const first = await submit({ term: { kk: '10 минут', ru: '10 минут' } }, '2026-06-05');
    const second = await submit({ contacts: { kk: '1414, 8 800', ru: '1414, 8 800' } }, '2026-06-05');
    const decisions = await Promise.all(
      [first, second].map((update) => scenario.operator('POST', `/v1/information-updates/${update.body.id}/registration`, { body: {} })),
    );
    expect(decisions.map((decision) => decision.status)).toEqual([200, 200]);
    const versions = await scenario.operator('GET', `/v1/knowledge-base/${bodyId}/${SERVICE}/versions`);
    expect(versions.body.items.map((item: { version: number }) => item.version)).toEqual([4, 3, 2, 1]);
    expect(versions.body.items.slice(0, 2).map((item: { updateId: string }) => item.updateId).sort()).toEqual([first.body.id, second.body.id].sort());
    const current = await scenario.operator('GET', `/v1/knowledge-base/${bodyId}/${SERVICE}/information`);
    expect(current.body.information).toMatchObject({ term: { ru: '10 минут' }, contacts: { ru: '1414, 8 800' } });
  });

  it('refuses an update of a service not in the knowledge base (422), an empty one and a future change (400)', async () => {
    const unknown = await scenario.akimat('POST', '/v1/information-updates', {
      body: { bodyId, serviceCode: 'NOT-ACCEPTED', changedOn: '2026-06-05', changes: { term: { kk: 'x', ru: 'x' } } },
    });
    expect(unknown.status).toBe(422);
    const empty = await submit({}, '2026-06-05');
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].field).toBe('body.changes');
    const future = await submit({ term: { kk: 'x', ru: 'x' } }, '2026-06-06');
    expect(future.status).toBe(400);
    expect(future.body.errors[0].field).toBe('body.changedOn');
    const serviceCode = await submit({ serviceCode: 'OTHER' }, '2026-06-05');
    expect(serviceCode.status).toBe(400);
  });
});
