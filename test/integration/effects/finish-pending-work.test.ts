import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/local-stack.ts';
import { fixedClock } from '#adapters/clock.ts';
import { effectPorts } from '#adapters/effects-composition.ts';
import { dynamo, tableName } from '#adapters/dynamo.ts';
import type { PendingItem } from '#effects/effect-ports.ts';
import { pendingMarks } from '#adapters/table-keys.ts';
import { sesMailer } from '#adapters/ses-mailer.ts';
import type { Clock, Mailer } from '#domain/ports.ts';
import type { EffectPorts } from '#effects/effect.ts';
import { finishPendingWork, redrivePending } from '#effects/finish-pending-work.ts';
import { clearMails, sentMails, startTestStack } from '../../support/local-stack.ts';

const at = '2026-03-20T05:00:00.000Z';
const clock = fixedClock(new Date('2026-03-20T05:10:00.000Z'));

function aggregate(id: string, version = 3): PendingItem & Record<string, unknown> {
  const key = { pk: `THING#${id}`, sk: 'THING' };
  return {
    ...key,
    version,
    state: 'requested',
    pendingEvents: [
      { eventId: `${id}-e1`, type: 'ThingRequested', at, actor: 'client-1', aggregateType: 'Thing', aggregateId: id, data: { n: 1 } },
    ],
    outbox: [
      { messageId: `${id}-m1`, purpose: 'request', to: ['body@example.kz'], subject: `Request ${id}`, text: 'Сұрау / Запрос' },
    ],
    ...pendingMarks(key, at),
  };
}

const portsWith = (mailer: Mailer, at: Clock = clock): EffectPorts => ({ ...effectPorts(), mailer, clock: at });

describe('finishPendingWork and redrivePending', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startTestStack();
    // These tests drive the finisher by hand: the stack's own feeder stays out of the way.
    stack.effects.pause();
  });
  afterAll(async () => stack?.stop());
  // Items left pending on purpose stay so (the feeder is paused): no waiting for them.
  beforeEach(async () => clearMails(stack.sesEndpoint, { settle: false }));

  it('copies events to the audit log, sends each message once, and clears the marks', async () => {
    const item = aggregate('a1');
    await dynamo().send(new PutCommand({ TableName: tableName(), Item: item }));

    const first = await finishPendingWork(item, portsWith(sesMailer));
    const second = await finishPendingWork(item, portsWith(sesMailer));

    expect(first).toEqual({ events: 1, sent: 1, skipped: 0, cleared: true });
    expect(second).toEqual({ events: 1, sent: 0, skipped: 1, cleared: true });
    const mails = await sentMails(stack.sesEndpoint, { settle: false });
    expect(mails.map((mail) => mail.subject)).toEqual(['Request a1']);
    expect(mails[0]?.destination.to).toEqual(['body@example.kz']);
    const audit = await dynamo().send(
      new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'AUDIT#Thing#a1' } }),
    );
    expect(audit.Items?.map((event) => event.type)).toEqual(['ThingRequested']);
    const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: { pk: 'THING#a1', sk: 'THING' } }));
    expect(Item?.pendingPk).toBeUndefined();
    expect(Item?.outbox).toBeUndefined();
    expect(Item?.state).toBe('requested');
  });

  it('removes only its own finished work when a newer version carried it forward with more', async () => {
    // Arrange: version 2 was written before version 1's work was finished, carrying it.
    const item = aggregate('a2', 1);
    const own = aggregate('a2-next', 2);
    const newer = {
      ...item,
      version: 2,
      pendingEvents: [...item.pendingEvents!, ...own.pendingEvents!],
      outbox: [...item.outbox!, ...own.outbox!],
    };
    await dynamo().send(new PutCommand({ TableName: tableName(), Item: newer }));
    // Act
    const result = await finishPendingWork(item, portsWith(sesMailer));
    // Assert: version 2's own work stays pending, version 1's is gone from it.
    expect(result.cleared).toBe(false);
    const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: { pk: 'THING#a2', sk: 'THING' }, ConsistentRead: true }));
    expect(Item?.pendingPk).toBe('PENDING');
    expect(Item?.version).toBe(2);
    expect((Item?.pendingEvents as { eventId: string }[]).map((event) => event.eventId)).toEqual(['a2-next-e1']);
    expect((Item?.outbox as { messageId: string }[]).map((message) => message.messageId)).toEqual(['a2-next-m1']);
    // Its own finisher then clears the rest, each message sent once.
    expect(await finishPendingWork(Item as PendingItem, portsWith(sesMailer))).toEqual({ events: 1, sent: 1, skipped: 0, cleared: true });
    const subjects = (await sentMails(stack.sesEndpoint, { settle: false })).map((mail) => mail.subject);
    expect(subjects.filter((subject) => subject.startsWith('Request a2'))).toEqual(['Request a2', 'Request a2-next']);
  });

  it('re-drives what a crash left pending, and only items older than the grace period', async () => {
    const failing: Mailer = { send: async () => Promise.reject(new Error('SES down')) };
    const crashed = aggregate('a3');
    await dynamo().send(new PutCommand({ TableName: tableName(), Item: crashed }));
    await expect(finishPendingWork(crashed, portsWith(failing))).rejects.toThrow('SES down');
    const fresh = { ...aggregate('a4'), ...pendingMarks({ pk: 'THING#a4', sk: 'THING' }, '2026-03-20T05:09:59.000Z') };
    await dynamo().send(new PutCommand({ TableName: tableName(), Item: fresh }));

    // The failed attempt holds a send lease on a3's message: the re-drive after it expires sends it.
    const later = fixedClock(new Date('2026-03-20T05:20:00.000Z'));
    const early = await redrivePending(portsWith(sesMailer), 60_000);
    const result = await redrivePending(portsWith(sesMailer, later), 11 * 60_000);

    expect(early.sent).toBe(0);
    expect(result).toMatchObject({ failed: 0, sent: 1 });
    const subjects = (await sentMails(stack.sesEndpoint, { settle: false })).map((mail) => mail.subject);
    expect(subjects).toContain('Request a3');
    expect(subjects).not.toContain('Request a4');
  });

  it('gives the claim back when SES itself refused the send, so the retry sends at once', async () => {
    const refusal = Object.assign(new Error('Throttling'), { name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429 } });
    const refusing: Mailer = { send: async () => Promise.reject(refusal) };
    const item = aggregate('a5');
    await dynamo().send(new PutCommand({ TableName: tableName(), Item: item }));

    await expect(finishPendingWork(item, portsWith(refusing))).rejects.toThrow('Throttling');
    const retried = await finishPendingWork(item, portsWith(sesMailer));

    expect(retried).toEqual({ events: 1, sent: 1, skipped: 0, cleared: true });
    expect((await sentMails(stack.sesEndpoint, { settle: false })).filter((mail) => mail.subject === 'Request a5')).toHaveLength(1);
  });

  it('records a message no retry can send as rejected, and finishes the rest', async () => {
    const item = { ...aggregate('a6'), outbox: [{ messageId: 'a6-m1', purpose: 'request', to: ['not-an-address'], subject: 'Bad', text: 't' }] };
    await dynamo().send(new PutCommand({ TableName: tableName(), Item: item }));

    const result = await finishPendingWork(item, portsWith(sesMailer));

    expect(result).toEqual({ events: 1, sent: 0, skipped: 1, cleared: true });
    const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: { pk: 'MAIL#a6-m1', sk: 'MAIL' } }));
    expect(Item?.status).toBe('rejected');
  });

  it('refuses an invalid recipient instead of handing it to SES', async () => {
    await expect(sesMailer.send({ to: ['not-an-address'], subject: 's', text: 't' })).rejects.toThrow(/invalid address/);
  });
});
