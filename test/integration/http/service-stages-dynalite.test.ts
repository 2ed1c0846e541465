import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/local-stack.ts';
import { apiClient, createTestKey, startTestStack } from '../../support/local-stack.ts';
import { newBody, testBin } from '../../support/fixtures.ts';

/** The same routes on dynalite, `npm start`'s store: its BatchGetItem, BatchWriteItem and backward Query with a limit. */
const bodyId = testBin(940);
const otherBodyId = testBin(941);
const SERVICE = '00301001';
const stages = `/v1/bodies/${bodyId}/service-stages`;
const application = (number: string) => `/v1/bodies/${bodyId}/applications/${number}`;
const stageEvent = (applicationNumber: string, stage: string, occurredAt: string) => ({ applicationNumber, serviceCode: SERVICE, stage, occurredAt });
const minute = (minutes: number) => new Date(Date.UTC(2026, 2, 2, 9, minutes)).toISOString();

describe('service stages on dynalite (§15–§16)', () => {
  let stack: LocalStack;
  let provider: ReturnType<typeof apiClient>;
  let operator: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    stack = await startTestStack({ store: 'dynalite' });
    const admin = apiClient(stack.url, stack.adminKey);
    for (const id of [bodyId, otherBodyId]) expect((await admin('POST', '/v1/bodies', { body: newBody(id, 'service_provider') })).status).toBe(201);
    provider = apiClient(stack.url, await createTestKey('provider', bodyId));
    operator = apiClient(stack.url, await createTestKey('ucc_operator'));
  });
  afterAll(async () => stack?.stop());

  it('takes a batch out of order with a duplicate and a bad item, and the UCC sees the latest instant as current', async () => {
    const batch = await provider('POST', `${stages}/batch`, {
      body: {
        items: [
          stageEvent('D-1', 'result_ready', '2026-03-19T11:00:00+05:00'),
          stageEvent('D-1', 'received', '2026-03-17T09:00:00+05:00'),
          stageEvent('D-1', 'received', '2026-03-17T04:00:00Z'),
          { ...stageEvent('D-1', 'in_review', '2026-03-18T10:00:00+05:00'), colour: 'red' },
        ],
      },
    });
    expect(batch.body).toMatchObject({ accepted: 2, duplicates: 1, rejected: 1 });
    expect(batch.body.items[3].errors).toEqual([{ field: 'items[3].colour', message: 'is not a member of this request' }]);
    const single = await provider('POST', stages, { body: stageEvent('D-1', 'in_review', '2026-03-18T10:00:00+05:00') });
    expect(single.status).toBe(201);
    const looked = await operator('GET', application('D-1'));
    expect(looked.body.current).toMatchObject({ stage: 'result_ready', label: { ru: 'Результат готов к выдаче' } });
    expect(looked.body.history.map((entry: { stage: string }) => entry.stage)).toEqual(['received', 'in_review', 'result_ready']);
  });

  it('loses no event of three batches for one application sent at once, and shows the latest 100 of its 120', async () => {
    const batches = Array.from({ length: 3 }, (_, b) => ({ items: Array.from({ length: 40 }, (_, i) => stageEvent('D-2', 'in_review', minute(i * 3 + b))) }));
    const answers = await Promise.all(batches.map((body) => provider('POST', `${stages}/batch`, { body })));
    expect(answers.map((answer) => answer.body.accepted)).toEqual([40, 40, 40]);
    const looked = await operator('GET', application('D-2'));
    expect(looked.body).toMatchObject({ historyComplete: false, current: { occurredAt: minute(119) } });
    expect(looked.body.history.map((entry: { occurredAt: string }) => entry.occurredAt)).toEqual(Array.from({ length: 100 }, (_, i) => minute(20 + i)));
  });

  it("answers another body's provider 404 and writes nothing for it", async () => {
    const other = apiClient(stack.url, await createTestKey('provider', otherBodyId));
    expect((await other('POST', `${stages}/batch`, { body: { items: [stageEvent('D-3', 'received', '2026-03-18T09:00:00+05:00')] } })).status).toBe(404);
    expect((await operator('GET', application('D-3'))).status).toBe(404);
  });
});
