import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/local-stack.ts';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { appealBatchKey } from '#adapters/table-keys.ts';
import { dynamo, tableName } from '#adapters/dynamo.ts';
import { effectPorts } from '#adapters/effects-composition.ts';
import { aggregateAppeals, parseAppealItems } from '#domain/appeals/appeal-intake.ts';
import { APPEALS_RECORDED } from '#domain/appeals/manage-appeals.ts';
import { domainEvent } from '#domain/events.ts';
import { countAppeals } from '#effects/count-appeals.ts';
import { apiClient, createTestKey, startTestStack } from '../../support/local-stack.ts';
import { newBody, testBin, appealInput } from '../../support/fixtures.ts';

/** The main path on dynalite, `npm start`'s store: its BatchGetItem, BatchWriteItem, pending index, and the counters' conditional ADD to a set. */
const bodyId = testBin(965);
const appeal = (id: string, extra: Record<string, unknown> = {}) => appealInput(id, bodyId, extra);

/** When a push was recorded, from its counting record (its event carries the same instant). */
const recordedAtOf = async (batchId: string): Promise<string> =>
  String((await dynamo().send(new GetCommand({ TableName: tableName(), Key: appealBatchKey(batchId) }))).Item?.recordedAt);

describe('appeals on dynalite (§13)', () => {
  let stack: LocalStack;
  let operator: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    stack = await startTestStack({ store: 'dynalite' });
    const admin = apiClient(stack.url, stack.adminKey);
    expect((await admin('POST', '/v1/bodies', { body: newBody(bodyId, 'service_provider') })).status).toBe(201);
    operator = apiClient(stack.url, await createTestKey('ucc_operator'));
  });
  afterAll(async () => stack?.stop());

  it('takes a batch with a duplicate and a bad item, reads an appeal back, and counts the push once even when sent again', async () => {
    const items = [appeal('D-1'), appeal('D-2', { channel: 'chat' }), appeal('D-1'), appeal('D-3', { outcome: 'solved' })];
    const batch = await operator('POST', '/v1/appeals/batch', { body: { items } });
    expect(batch.status).toBe(200);
    expect(batch.body).toMatchObject({ accepted: 2, duplicates: 1, rejected: 1 });
    expect(batch.body.items[3]).toMatchObject({ errors: [{ field: 'items[3].outcome' }] });
    expect((await operator('GET', '/v1/appeals/D-2')).body).toMatchObject({ id: 'D-2', channel: 'chat', occurredAt: '2026-08-03T05:00:00.000Z' });

    const counted = await operator('GET', '/v1/appeal-counters?quarter=2026-Q3');
    expect(counted.body).toMatchObject({ quarter: '2026-Q3', total: 2, by: { channel: { phone_1414: 1, chat: 1 }, body: { [bodyId]: 2 } } });
    expect((await operator('POST', '/v1/appeals/batch', { body: { items } })).body).toMatchObject({ accepted: 0, duplicates: 3 });
    // The push's effect once more: its token is on the shard, dynalite's conditional ADD refuses it.
    const counts = aggregateAppeals(parseAppealItems(items.slice(0, 2)).flatMap((item) => ('appeal' in item ? [item.appeal] : [])));
    const data = { batchId: batch.body.batchId, counts };
    await countAppeals.run(domainEvent(APPEALS_RECORDED, { type: 'AppealBatch', id: data.batchId }, 'test', await recordedAtOf(data.batchId), data), effectPorts());
    expect((await operator('GET', '/v1/appeal-counters?quarter=2026-Q3')).body).toEqual(counted.body);
  });
});
