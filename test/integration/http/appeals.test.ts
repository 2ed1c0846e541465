import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { appealItem, dynamoAppealCounterWriter } from '#adapters/appeal-store.ts';
import { appealBatchKey, appealCounterKey } from '#adapters/table-keys.ts';
import { batchWriteItems, dynamo, tableName } from '#adapters/dynamo.ts';
import { effectPorts } from '#adapters/effects-composition.ts';
import { aggregateAppeals, parseAppealItems } from '#domain/appeals/appeal-intake.ts';
import { APPEALS_RECORDED } from '#domain/appeals/manage-appeals.ts';
import { countAppealBatch } from '#domain/appeals/count-appeal-batch.ts';
import { domainEvent } from '#domain/events.ts';
import { countAppeals } from '#effects/count-appeals.ts';
import { apiClient, closeScenario, createTestKey, openBodyScenario, settled, type BodyScenario } from '../../support/local-stack.ts';
import { newBody, testBin, appealInput } from '../../support/fixtures.ts';

const bodyId = testBin(960);
const otherBodyId = testBin(961);
const appeal = (id: string, extra: Record<string, unknown> = {}) => appealInput(id, bodyId, extra);
const contact = { fullName: 'Әлия Нұрланқызы Серікова', phone: '+77012345678', email: 'aliya.serikova@mail.kz' };

/** When a push was recorded, from its counting record (its event carries the same instant). */
const recordedAtOf = async (batchId: string): Promise<string> =>
  String((await dynamo().send(new GetCommand({ TableName: tableName(), Key: appealBatchKey(batchId) }))).Item?.recordedAt);

describe('appeals (§13): recorded one by one or in batches, counted per quarter by the effects', () => {
  let scenario: BodyScenario;
  let otherBody: ReturnType<typeof apiClient>;
  let qualityAuthority: ReturnType<typeof apiClient>;
  const counters = (quarter = '2026-Q3') => scenario.operator('GET', `/v1/appeal-counters?quarter=${quarter}`);

  beforeAll(async () => {
    scenario = await openBodyScenario(bodyId, 'service_provider');
    expect((await scenario.admin('POST', '/v1/bodies', { body: newBody(otherBodyId, 'service_provider') })).status).toBe(201);
    otherBody = apiClient(scenario.stack.url, await createTestKey('body', otherBodyId));
    qualityAuthority = apiClient(scenario.stack.url, await createTestKey('quality_authority'));
    await scenario.admin('POST', '/local/clock', { body: { now: '2026-10-05T10:00:00+05:00' } });
  });
  afterAll(async () => closeScenario(scenario));

  it('records one appeal (201), answers its id again as a duplicate with the appeal as first recorded (200), and shows the contact only to the UCC and the quality authority', async () => {
    const sent = await scenario.operator('POST', '/v1/appeals', { body: appeal('S-1', { contact }) });
    expect(sent.status).toBe(201);
    expect(sent.headers.get('location')).toBe('/v1/appeals/S-1');
    expect(sent.body).toMatchObject({ outcome: 'accepted', appeal: { id: 'S-1', occurredAt: '2026-08-03T05:00:00.000Z', contact } });

    const again = await scenario.operator('POST', '/v1/appeals', { body: appeal('S-1', { topic: 'other' }) });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ outcome: 'duplicate', appeal: { topic: 'pension' } });

    expect((await qualityAuthority('GET', '/v1/appeals/S-1')).body.contact).toEqual(contact);
    const byBody = await scenario.akimat('GET', '/v1/appeals/S-1');
    expect(byBody.status).toBe(200);
    expect(byBody.body.contact).toEqual({ fullName: 'Ә*** Н*** С***', phone: '+7***78', email: 'a***@mail.kz', masked: true });
    expect(JSON.stringify(byBody.body)).not.toMatch(/"(pk|sk|entity|pending\w*)"/);
    // Another body's appeal is as missing as an unknown one.
    expect((await otherBody('GET', '/v1/appeals/S-1')).status).toBe(404);
    expect((await scenario.operator('GET', '/v1/appeals/NOPE-1')).status).toBe(404);
  });

  it('refuses a bad single appeal naming body.<field>, a body may not record appeals, and nothing is written', async () => {
    const bad = await scenario.operator('POST', '/v1/appeals', { body: appeal('S-2', { outcome: 'solved' }) });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(bad.body.errors).toEqual([{ field: 'body.outcome', message: expect.stringMatching(/^must be one of consulted/) }]);
    const unknownBody = await scenario.operator('POST', '/v1/appeals', { body: appeal('S-2', { bodyId: testBin(962) }) });
    expect(unknownBody.status).toBe(400);
    expect(unknownBody.body.errors).toEqual([{ field: 'body.bodyId', message: `no body ${testBin(962)} is registered` }]);
    expect((await scenario.akimat('POST', '/v1/appeals', { body: appeal('S-2') })).status).toBe(403);
    expect((await scenario.operator('GET', '/v1/appeals/S-2')).status).toBe(404);
  });

  it('answers each item of a batch on its own (accepted, duplicate, rejected naming items[i].field) and counts the accepted ones once the effects ran', async () => {
    const batch = await scenario.operator('POST', '/v1/appeals/batch', {
      body: {
        items: [
          appeal('B-1', { contact }),
          appeal('B-2', { channel: 'chat', outcome: 'stage_given', topic: 'benefits' }),
          appeal('S-1'),
          appeal('B-1'),
          appeal('B-3', { channel: 'fax' }),
          { ...appeal('B-4'), colour: 'red' },
          appeal('B-5', { bodyId: otherBodyId, region: 'astana', occurredAt: '2026-10-01T09:00:00+05:00' }),
          appeal('B-6', { occurredAt: '2026-10-05T10:06:00+05:00' }),
          appeal('B-7', { region: 'Astana City' }),
          appeal('B-8', { serviceCode: '00301002', channel: 'web' }),
        ],
      },
    });
    expect(batch.status).toBe(200);
    expect(batch.body).toMatchObject({ batchId: expect.any(String), accepted: 4, duplicates: 2, rejected: 4 });
    expect(batch.body.items).toEqual([
      { index: 0, id: 'B-1', outcome: 'accepted' },
      { index: 1, id: 'B-2', outcome: 'accepted' },
      { index: 2, id: 'S-1', outcome: 'duplicate' },
      { index: 3, id: 'B-1', outcome: 'duplicate' },
      { index: 4, outcome: 'rejected', errors: [{ field: 'items[4].channel', message: expect.stringMatching(/^must be one of phone_1414/) }] },
      { index: 5, outcome: 'rejected', errors: [{ field: 'items[5].colour', message: 'is not a member of this request' }] },
      { index: 6, id: 'B-5', outcome: 'accepted' },
      { index: 7, outcome: 'rejected', errors: [{ field: 'items[7].occurredAt', message: 'must not be in the future' }] },
      { index: 8, outcome: 'rejected', errors: [{ field: 'items[8].region', message: expect.stringMatching(/^must be a region code/) }] },
      { index: 9, id: 'B-8', outcome: 'accepted' },
    ]);
    expect((await scenario.operator('GET', '/v1/appeals/B-3')).status).toBe(404);

    // The client's reads wait for the effects (polling the pending work): S-1 and B-1, B-2, B-8 in Q3, B-5 in Q4.
    const q3 = await counters();
    expect(q3.status).toBe(200);
    expect(q3.body).toEqual({
      quarter: '2026-Q3',
      total: 4,
      by: {
        service: { '00301001': 3, '00301002': 1 },
        channel: { phone_1414: 2, chat: 1, web: 1 },
        topic: { pension: 3, benefits: 1 },
        region: { almaty_city: 4 },
        outcome: { consulted: 3, stage_given: 1 },
        body: { [bodyId]: 4 },
      },
    });
    expect((await qualityAuthority('GET', '/v1/appeal-counters?quarter=2026-Q4')).body).toMatchObject({ total: 1, by: { region: { astana: 1 }, body: { [otherBodyId]: 1 } } });
    expect((await counters('2026-Q1')).body).toEqual({ quarter: '2026-Q1', total: 0, by: { service: {}, channel: {}, topic: {}, region: {}, outcome: {}, body: {} } });
  });

  it('does not count a push twice when its effects run again, nor a retried batch', async () => {
    const items = [appeal('R-1'), appeal('R-2', { channel: 'email' })];
    const before = (await counters()).body;
    const batch = await scenario.operator('POST', '/v1/appeals/batch', { body: { items } });
    expect(batch.body.accepted).toBe(2);
    const after = (await counters()).body;
    expect(after.total).toBe(before.total + 2);

    // The same push's event again (the stream retries it; the re-drive repeats it), twice.
    const counts = aggregateAppeals(parseAppealItems(items).map((item) => ('appeal' in item ? item.appeal : (undefined as never))));
    const event = domainEvent(APPEALS_RECORDED, { type: 'AppealBatch', id: batch.body.batchId }, 'test', await recordedAtOf(batch.body.batchId), { batchId: batch.body.batchId, counts });
    const ports = effectPorts();
    await countAppeals.run(event, ports);
    await countAppeals.run(event, ports);
    // The client sent the batch again: all duplicates, nothing new to count.
    const retried = await scenario.operator('POST', '/v1/appeals/batch', { body: { items } });
    expect(retried.body).toMatchObject({ accepted: 0, duplicates: 2 });
    expect((await counters()).body).toEqual(after);
  });

  it('replays the first answer to a batch retried with its Idempotency-Key, and counts it once', async () => {
    const before = (await counters()).body.total;
    const items = [appeal('K-1'), appeal('K-2', { outcome: 'redirected' })];
    const first = await scenario.operator('POST', '/v1/appeals/batch', { body: { items }, headers: { 'idempotency-key': 'appeals-k-1' } });
    const again = await scenario.operator('POST', '/v1/appeals/batch', { body: { items }, headers: { 'idempotency-key': 'appeals-k-1' } });
    expect(first.body).toMatchObject({ accepted: 2, duplicates: 0 });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    const other = await scenario.operator('POST', '/v1/appeals/batch', { body: { items: [appeal('K-3')] }, headers: { 'idempotency-key': 'appeals-k-1' } });
    expect(other.status).toBe(422);
    expect((await counters()).body.total).toBe(before + 2);
  });

  it('keeps a shard’s push tokens for a week by hour of recording, so the set stays bounded however many pushes a quarter has', async () => {
    const increments = [{ dimension: 'total' as const, value: '', by: 1 }];
    const hourOf = (at: string) => Math.floor(Date.parse(at) / 3_600_000);
    const monday = '2025-01-06T04:30:00.000Z';
    const nextWeek = '2025-01-13T05:10:00.000Z'; // 168 h 40 min later: Monday's hour has left the window
    expect(await dynamoAppealCounterWriter.add('2025-Q1', 0, 'w-1', increments, monday)).toEqual({ applied: 1, skipped: 0 });
    expect(await dynamoAppealCounterWriter.add('2025-Q1', 0, 'w-1', increments, monday)).toEqual({ applied: 0, skipped: 1 });
    const shard = async () => (await dynamo().send(new GetCommand({ TableName: tableName(), Key: appealCounterKey('2025-Q1', 0) }))).Item!;
    expect([...(await shard())[`tk#${hourOf(monday)}`]]).toEqual(['w-1#0']);
    await dynamoAppealCounterWriter.add('2025-Q1', 0, 'w-2', increments, nextWeek);
    const item = await shard();
    expect(item).not.toHaveProperty(`tk#${hourOf(monday)}`);
    expect([...item[`tk#${hourOf(nextWeek)}`]]).toEqual(['w-2#0']);
    expect(item.total).toBe(2);
  });

  it('counts, on its retry, the appeals of a push that failed after writing them and before its counting record', async () => {
    const before = (await counters()).body;
    // What a push that failed (5xx) between its two writes leaves: the appeals, no counting record.
    const [stored] = parseAppealItems([appeal('F-1', { topic: 'lost' })]).map((item) => ('appeal' in item ? item.appeal : (undefined as never)));
    await batchWriteItems([appealItem({ ...stored!, recordedAt: '2026-08-10T05:00:00.000Z', recordedBy: 'test', batchId: 'failed-push' })]);
    await settled();
    expect((await counters()).body.total).toBe(before.total);

    const retried = await scenario.operator('POST', '/v1/appeals/batch', { body: { items: [appeal('F-1', { topic: 'lost' }), appeal('F-2')] } });
    expect(retried.body).toMatchObject({ accepted: 1, duplicates: 1 });
    const after = (await counters()).body;
    expect(after.total).toBe(before.total + 2);
    expect(after.by.topic.lost).toBe(1);
    // Counted once: a second retry finds the failed push marked counted.
    await scenario.operator('POST', '/v1/appeals/batch', { body: { items: [appeal('F-1', { topic: 'lost' })] } });
    expect((await counters()).body).toEqual(after);
  });

  it('refuses a malformed quarter or batch naming the field, and keeps the counters from bodies', async () => {
    const badQuarter = await counters('2026-Q5');
    expect(badQuarter.status).toBe(400);
    expect(badQuarter.body.errors).toEqual([{ field: 'query.quarter', message: 'must be a quarter, e.g. 2026-Q3' }]);
    expect((await scenario.operator('POST', '/v1/appeals/batch', { body: { items: [] } })).body.errors[0].field).toBe('body.items');
    const tooMany = await scenario.operator('POST', '/v1/appeals/batch', { body: { items: Array.from({ length: 501 }, (_, i) => appeal(`M-${i}`)) } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors[0].field).toBe('body.items');
    expect((await scenario.operator('GET', '/v1/appeals/M-0')).status).toBe(404);
    expect((await scenario.akimat('GET', '/v1/appeal-counters?quarter=2026-Q3')).status).toBe(403);
  });

  it('takes a full batch of 500 in one call and counts all of it, its 373 distinct values in two conditional updates', async () => {
    const before = (await counters()).body;
    const items = Array.from({ length: 500 }, (_, i) =>
      appeal(`L-${i}`, { topic: `t${i % 50}`, region: `r${i % 17}`, serviceCode: `00${String(400000 + (i % 300))}`, channel: ['chat', 'web', 'email'][i % 3] }),
    );
    const batch = await scenario.operator('POST', '/v1/appeals/batch', { body: { items } });
    expect(batch.body).toMatchObject({ accepted: 500, duplicates: 0, rejected: 0 });
    const after = (await counters()).body;
    expect(after.total).toBe(before.total + 500);
    expect(after.by.topic.t49).toBe(10);
    expect(after.by.region.r16).toBe(29);
    expect(Object.keys(after.by.service)).toHaveLength(Object.keys(before.by.service).length + 300);
    // Both updates of the push run again: each refused on its own token.
    const counts = aggregateAppeals(parseAppealItems(items).flatMap((item) => ('appeal' in item ? [item.appeal] : [])));
    const data = { batchId: batch.body.batchId, counts };
    expect(await countAppealBatch(data, effectPorts().appealCounters, await recordedAtOf(data.batchId))).toEqual({ applied: 0, skipped: 2 });
    expect((await counters()).body).toEqual(after);
  });
});
