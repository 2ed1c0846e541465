import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/local-stack.ts';
import { dynamo, tableName } from '#adapters/dynamo.ts';
import { apiClient, createTestKey, sentMails, settled, startTestStack } from '../../support/local-stack.ts';
import { newBody, testBin } from '../../support/fixtures.ts';

/** The local one-time schedules (rows the runner fires), once the effects that keep them ran. */
const schedules = async () =>
  (
    await settled(),
    await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'due',
        KeyConditionExpression: 'duePk = :pk',
        ExpressionAttributeValues: { ':pk': 'SCHEDULE' },
      }),
    )
  ).Items ?? [];

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('timed out');
}

describe('one-time deadline schedules, fired by the local schedule runner', () => {
  let stack: LocalStack;
  let admin: ReturnType<typeof apiClient>;
  const bodyId = testBin(600);
  let acceptanceId: string;

  beforeAll(async () => {
    stack = await startTestStack({ scheduleRunner: true });
    admin = apiClient(stack.url, stack.adminKey);
    await admin('POST', '/v1/bodies', { body: newBody(bodyId) });
  });
  afterAll(async () => {
    await admin('POST', '/local/clock', { body: { now: null } });
    await stack?.stop();
  });

  it('schedules the next notice at(...) in Asia/Almaty when a deadline opens', async () => {
    await admin('POST', '/local/clock', { body: { now: '2026-03-19T10:00:00+05:00' } });
    const operator = apiClient(stack.url, await createTestKey('ucc_operator'));
    const opened = await operator('POST', '/v1/acceptances', { body: { bodyId, serviceCode: 'S1', serviceName: { kk: 'Қызмет', ru: 'Услуга' } } });
    acceptanceId = opened.body.id;
    const rows = await schedules();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      expression: 'at(2026-03-20T09:00:00)',
      at: '2026-03-20T04:00:00.000Z',
      input: { job: 'fire-deadline', deadlineId: `${acceptanceId}:appointResponsible:1` },
    });
    expect(rows[0]?.name).toMatch(/^dl-[0-9a-f]{40}$/);
  });

  it('fires when the clock reaches it, sends the reminder once (the 09:00 sweep races it), and moves to the next notice', async () => {
    await admin('POST', '/local/clock', { body: { now: '2026-03-20T08:59:58+05:00' } });
    const reminder = await waitFor(async () => (await sentMails(stack.sesEndpoint)).find((mail) => /приближается срок/.test(mail.subject)));
    expect(reminder.destination.to).toEqual([`office-${bodyId}@akimat.gov.kz`]);
    const moved = await waitFor(async () => {
      const rows = await schedules();
      return rows[0]?.at === '2026-03-26T04:00:00.000Z' ? rows : undefined;
    });
    expect(moved).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 2_500)); // let the sweep and any retry settle
    expect((await sentMails(stack.sesEndpoint)).filter((mail) => /приближается срок/.test(mail.subject))).toHaveLength(1);
  });

  it('cancels the schedule when the deadline is met', async () => {
    const akimat = apiClient(stack.url, await createTestKey('body', bodyId));
    await akimat('POST', `/v1/acceptances/${acceptanceId}/responsible-person`, {
      body: { fullName: 'Ответственный', position: 'Специалист', email: 'resp@akimat.gov.kz', phone: '+77010000001' },
    });
    const rows = await schedules();
    // Only the next deadline's (submitInformation) schedule is left.
    expect(rows.map((row) => (row.input as { deadlineId: string }).deadlineId)).toEqual([`${acceptanceId}:submitInformation:1`]);
  });
});
