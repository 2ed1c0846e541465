import type { DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStreamFeeder, type EffectsFeeder } from '#infra/local/effects-feeder.ts';
import { effectPorts } from '#adapters/effects-composition.ts';
import { getConfig } from '#commons/config.ts';
import type { Mailer } from '#domain/ports.ts';
import { processRecords } from '#effects/handle-stream.ts';
import { apiClient, closeScenario, openBodyScenario, sentMails, settled, type BodyScenario } from '../../support/local-stack.ts';
import { testBin } from '../../support/fixtures.ts';

const serviceName = { kk: 'Қызмет', ru: 'Услуга' };
const requestMails = async (serviceCode: string, settle = true) =>
  (await sentMails(scenario.stack.sesEndpoint, { settle })).filter((mail) => mail.subject.endsWith(`на консультирование ${serviceCode}`));

let scenario: BodyScenario;
const bodyId = testBin(771);

describe('the effects function (handle-stream), fed from the table stream', () => {
  beforeAll(async () => {
    scenario = await openBodyScenario(bodyId);
  });
  afterAll(async () => closeScenario(scenario));

  it('answers a command after its one write; the audit log, the deadline and the e-mail follow from the effects', async () => {
    const { operator, stack } = scenario;
    stack.effects.pause();
    try {
      const opened = await operator('POST', '/v1/acceptances', { body: { bodyId, serviceCode: 'S10001', serviceName } });
      expect(opened.status).toBe(201);
      // Committed and answered: nothing of what follows has happened yet.
      expect(await requestMails('S10001', false)).toEqual([]);
      const events = await operator('GET', `/v1/acceptances/${opened.body.id}/events`, { settle: false });
      expect(events.body.items).toEqual([]);
      const deadlines = await operator('GET', `/v1/deadlines?bodyId=${bodyId}`, { settle: false });
      expect(deadlines.body.items).toEqual([]);
    } finally {
      stack.effects.resume();
    }
    await settled();
    const mails = await requestMails('S10001');
    expect(mails).toHaveLength(1);
    const deadlines = await operator('GET', `/v1/deadlines?bodyId=${bodyId}`);
    expect(deadlines.body.items.map((deadline: { key: string }) => deadline.key)).toEqual(['appointResponsible']);
  });

  it('retries a record whose effect threw, from the failed record on, and lands its work once', async () => {
    const { operator, stack } = scenario;
    // The stack's own feeder steps aside; a second feeder on the same stream runs the real
    // handler with a mailer that fails (as SES does when throttling) on its first two sends.
    stack.effects.pause();
    let failures = 0;
    let invocations = 0;
    const flaky: Mailer = {
      async send(mail) {
        if (failures < 2) {
          failures += 1;
          throw Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429 } });
        }
        return effectPorts().mailer.send(mail);
      },
    };
    const ports = { ...effectPorts(), mailer: flaky };
    let feeder: EffectsFeeder | undefined;
    try {
      feeder = await startStreamFeeder({
        endpoint: stack.dynamoEndpoint,
        tableName: getConfig().TABLE_NAME,
        intervalMs: 20,
        handler: async (event: DynamoDBStreamEvent) => {
          invocations += 1;
          return processRecords(event.Records, ports);
        },
      });
      const opened = await operator('POST', '/v1/acceptances', { body: { bodyId, serviceCode: 'S20002', serviceName } });
      expect(opened.status).toBe(201);
      await settled();
      expect(failures).toBe(2);
      expect(invocations).toBeGreaterThanOrEqual(3);
      expect(await requestMails('S20002')).toHaveLength(1);
      const events = await operator('GET', `/v1/acceptances/${opened.body.id}/events`);
      const types = events.body.items.map((event: { type: string }) => event.type);
      // Each event copied once to the audit log, though its effects ran three times.
      expect(types.filter((type: string) => type === 'AcceptanceOpened')).toHaveLength(1);
      expect(new Set(types).size).toBe(types.length);
    } finally {
      await feeder?.stop();
      stack.effects.resume();
    }
  });

  it('reports the failed record and every later one, so no later version runs before it', async () => {
    const calls: string[] = [];
    const failing: Mailer = {
      async send(mail) {
        calls.push(mail.subject);
        throw Object.assign(new Error('Service unavailable'), { name: 'ServiceUnavailable', $metadata: { httpStatusCode: 503 } });
      },
    };
    const record = (sequence: string, id: string) => ({
      eventName: 'MODIFY' as const,
      dynamodb: {
        SequenceNumber: sequence,
        NewImage: {
          pk: { S: `THING#${id}` },
          sk: { S: 'THING' },
          version: { N: '1' },
          pendingPk: { S: 'PENDING' },
          pendingSk: { S: `2026-01-01T00:00:00.000Z#THING#${id}#THING` },
          outbox: { L: [{ M: { messageId: { S: `${id}-m` }, purpose: { S: 'test' }, to: { L: [{ S: 'a@example.kz' }] }, subject: { S: id }, text: { S: 't' } } }] },
        },
      },
    });
    const withoutWork = { eventName: 'MODIFY' as const, dynamodb: { SequenceNumber: '100', NewImage: { pk: { S: 'THING#x' }, sk: { S: 'THING' }, version: { N: '2' } } } };

    const response = await processRecords([withoutWork, record('200', 'first'), record('300', 'second')] as never, {
      ...effectPorts(),
      mailer: failing,
    });

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: '200' }, { itemIdentifier: '300' }]);
    expect(calls).toEqual(['first']);
  });

  it('moves the local clock only once the effects of earlier writes are done, so a sweep at the new time sees their deadlines', async () => {
    // Arrange: a command committed while the feeder is held, its deadline not yet tracked.
    const { operator, stack } = scenario;
    const admin = apiClient(stack.url, stack.adminKey);
    stack.effects.pause();
    let opened;
    try {
      opened = await operator('POST', '/v1/acceptances', { body: { bodyId, serviceCode: 'S10002', serviceName } });
      expect(opened.status).toBe(201);
    } finally {
      stack.effects.resume();
    }
    // Act: the clock moves straight after the feeder is let go, with no read between.
    const clock = await admin('POST', '/local/clock', { body: { now: null } });
    // Assert: the deadline is there without waiting any further.
    expect(clock.status).toBe(200);
    const deadlines = await operator('GET', `/v1/deadlines?bodyId=${bodyId}&status=open`, { settle: false });
    expect(deadlines.body.items.map((deadline: { subject: { id: string } }) => deadline.subject.id)).toContain(opened.body.id);
  });

  it('shows the local stack’s effects feeder and what is pending on GET /local/effects', async () => {
    const admin = apiClient(scenario.stack.url, scenario.stack.adminKey);
    await settled();
    const status = await admin('GET', '/local/effects');
    expect(status.status).toBe(200);
    // `busy` tells whether a batch is in the handler right now (the stream may still replay
    // records whose work is done): only its type is certain here.
    expect(status.body).toEqual({ mode: 'stream', pending: 0, busy: expect.any(Boolean) });
  });
});
