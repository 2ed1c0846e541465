import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/local-stack.ts';
import { fixedClock } from '#adapters/clock.ts';
import { dynamo, tableName } from '#adapters/dynamo.ts';
import { finishPendingWork, pendingMarks, redrivePending, type PendingItem } from '#adapters/pending-work.ts';
import { sesMailer } from '#adapters/ses-mailer.ts';
import type { Mailer } from '#domain/ports.ts';
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

describe('finishPendingWork and redrivePending', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => stack?.stop());
  beforeEach(async () => clearMails(stack.sesEndpoint));

  it('copies events to the audit log, sends each message once, and clears the marks', async () => {
    const item = aggregate('a1');
    await dynamo().send(new PutCommand({ TableName: tableName(), Item: item }));

    const first = await finishPendingWork(item, sesMailer, clock);
    const second = await finishPendingWork(item, sesMailer, clock);

    expect(first).toEqual({ events: 1, sent: 1, skipped: 0, cleared: true });
    expect(second).toEqual({ events: 1, sent: 0, skipped: 1, cleared: true });
    const mails = await sentMails(stack.sesEndpoint);
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

  it('leaves the marks when a newer version was written meanwhile', async () => {
    const item = aggregate('a2', 1);
    await dynamo().send(new PutCommand({ TableName: tableName(), Item: { ...item, version: 2 } }));
    const result = await finishPendingWork(item, sesMailer, clock);
    expect(result.cleared).toBe(false);
    const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: { pk: 'THING#a2', sk: 'THING' } }));
    expect(Item?.pendingPk).toBe('PENDING');
  });

  it('re-drives what a crash left pending, and only items older than the grace period', async () => {
    const failing: Mailer = { send: async () => Promise.reject(new Error('SES down')) };
    const crashed = aggregate('a3');
    await dynamo().send(new PutCommand({ TableName: tableName(), Item: crashed }));
    await expect(finishPendingWork(crashed, failing, clock)).rejects.toThrow('SES down');
    const fresh = { ...aggregate('a4'), ...pendingMarks({ pk: 'THING#a4', sk: 'THING' }, '2026-03-20T05:09:59.000Z') };
    await dynamo().send(new PutCommand({ TableName: tableName(), Item: fresh }));

    // The failed attempt holds a send lease on a3's message: the re-drive after it expires sends it.
    const later = fixedClock(new Date('2026-03-20T05:20:00.000Z'));
    const early = await redrivePending(sesMailer, clock, 60_000);
    const result = await redrivePending(sesMailer, later, 11 * 60_000);

    expect(early.sent).toBe(0);
    expect(result).toMatchObject({ failed: 0, sent: 1 });
    const subjects = (await sentMails(stack.sesEndpoint)).map((mail) => mail.subject);
    expect(subjects).toContain('Request a3');
    expect(subjects).not.toContain('Request a4');
  });

  it('refuses an invalid recipient instead of handing it to SES', async () => {
    await expect(sesMailer.send({ to: ['not-an-address'], subject: 's', text: 't' })).rejects.toThrow(/invalid address/);
  });
});
