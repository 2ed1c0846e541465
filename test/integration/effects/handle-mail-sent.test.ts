import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/local-stack.ts';
import { dynamo, tableName } from '#adapters/dynamo.ts';
import { effectPorts } from '#adapters/effects-composition.ts';
import { dynamoMailLedger, SEND_LEASE_MS, SENT_EVENT } from '#adapters/mail-ledger.ts';
import { sesMailer } from '#adapters/ses-mailer.ts';
import { mailKey } from '#adapters/table-keys.ts';
import { handler } from '#effects/handle-mail-sent.ts';
import { CONFIRM_SENT_ATTRIBUTES, MESSAGE_ID_HEADER, MESSAGE_ID_TAG, encodeMessageId, type MailSentEvent } from '#effects/mail-sent-event.ts';
import { sendMail } from '#effects/send-mail.ts';
import type { OutboxMessage } from '#domain/ports.ts';
import { sentMails, startTestStack } from '../../support/local-stack.ts';
import { poll } from '../../support/poll.ts';

const ledgerRecord = async (messageId: string) =>
  (await dynamo().send(new GetCommand({ TableName: tableName(), Key: mailKey(messageId), ConsistentRead: true }))).Item;

const message = (messageId: string): OutboxMessage => ({
  messageId,
  purpose: 'acceptance-request',
  to: ['akimat@example.kz'],
  subject: `Sent event ${messageId}`,
  text: 'kk / ru',
});

/** SES's Email Sent event for a message (EventBridge's envelope, the Send record's mail object). */
const sentEvent = (messageId: string, providerMessageId: string): MailSentEvent => ({
  source: 'aws.ses',
  'detail-type': 'Email Sent',
  time: '2026-12-04T02:00:01Z',
  detail: {
    eventType: 'Send',
    mail: {
      timestamp: '2026-12-04T02:00:00.250Z',
      messageId: providerMessageId,
      tags: { 'ses:configuration-set': ['ucc-interop'], [MESSAGE_ID_TAG]: [encodeMessageId(messageId)] },
    },
  },
});

/** A clock past a claim's lease: the re-drive's view once the lease ran out. */
const pastTheLease = { now: () => new Date(Date.now() + SEND_LEASE_MS + 60_000) };

describe('handle-mail-sent (SES Email Sent events mark the mail ledger, issue 17 §3)', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => stack?.stop());

  it('marks a claimed message sent from its event, once, so the claim after the lease sends nothing', async () => {
    // Arrange: claimed and never marked — the sender died inside SendEmail or after it.
    const id = 'sent-event-1:request:v1';
    expect(await dynamoMailLedger.claim(message(id), new Date())).toBe('claimed');
    // Act
    const first = await handler(sentEvent(id, 'ses-provider-1'));
    const again = await handler(sentEvent(id, 'ses-provider-1'));
    // Assert
    expect(first).toEqual({ outcome: 'marked' });
    expect(again).toEqual({ outcome: 'unchanged' });
    const record = await ledgerRecord(id);
    expect(record).toMatchObject({ status: 'sent', providerMessageId: 'ses-provider-1', sentAt: '2026-12-04T02:00:00.250Z', confirmedBy: SENT_EVENT });
    expect(record?.leaseUntil).toBeUndefined();
    expect(await sendMail(message(id), { ...effectPorts(), clock: pastTheLease })).toBe('already-sent');
    expect((await sentMails(stack.sesEndpoint)).filter((mail) => mail.subject === message(id).subject)).toEqual([]);
  });

  it('never downgrades: a sent record keeps its own mark, a rejected one its reason, an unknown id creates nothing', async () => {
    // Arrange
    const sent = 'sent-event-2:request:v1';
    const rejected = 'sent-event-3:request:v1';
    await dynamoMailLedger.claim(message(sent), new Date());
    await dynamoMailLedger.markSent(sent, 'ses-own-mark', new Date('2026-12-04T01:00:00Z'));
    await dynamoMailLedger.claim(message(rejected), new Date());
    await dynamoMailLedger.markRejected(rejected, 'MessageRejected', new Date('2026-12-04T01:00:00Z'));
    // Act
    const outcomes = [await handler(sentEvent(sent, 'ses-late')), await handler(sentEvent(rejected, 'ses-late')), await handler(sentEvent('never-claimed', 'ses-late'))];
    // Assert
    expect(outcomes).toEqual([{ outcome: 'unchanged' }, { outcome: 'unchanged' }, { outcome: 'unchanged' }]);
    expect(await ledgerRecord(sent)).toMatchObject({ status: 'sent', providerMessageId: 'ses-own-mark', sentAt: '2026-12-04T01:00:00.000Z' });
    expect((await ledgerRecord(sent))?.confirmedBy).toBeUndefined();
    expect(await ledgerRecord(rejected)).toMatchObject({ status: 'rejected', reason: 'MessageRejected' });
    expect(await ledgerRecord('never-claimed')).toBeUndefined();
  });

  it("leaves confirmedBy only where the sender never marked: its own mark after a faster event takes the record back", async () => {
    // Arrange: the event outran the live sender's mark.
    const id = 'sent-event-6:request:v1';
    await dynamoMailLedger.claim(message(id), new Date());
    expect(await handler(sentEvent(id, 'ses-provider-6'))).toEqual({ outcome: 'marked' });
    // Act
    await dynamoMailLedger.markSent(id, 'ses-provider-6', new Date('2026-12-04T02:00:00.300Z'));
    // Assert
    const record = await ledgerRecord(id);
    expect(record).toMatchObject({ status: 'sent', providerMessageId: 'ses-provider-6' });
    expect(record?.confirmedBy).toBeUndefined();
  });

  it('ignores an event that names no message of ours', async () => {
    // Act / Assert
    expect(await handler({ ...sentEvent('x', 'ses-x'), detail: { eventType: 'Send', mail: { messageId: 'ses-x', tags: {} } } })).toEqual({ outcome: 'not-ours' });
    expect(await handler({ ...sentEvent('x', 'ses-x'), 'detail-type': 'Email Bounced' })).toEqual({ outcome: 'not-ours' });
  });

  it('writes only the attributes its IAM policy allows (CONFIRM_SENT_ATTRIBUTES)', async () => {
    // Arrange
    const id = 'sent-event-4:request:v1';
    await dynamoMailLedger.claim(message(id), new Date());
    const before = (await ledgerRecord(id))!;
    // Act
    await handler(sentEvent(id, 'ses-provider-4'));
    // Assert
    const after = (await ledgerRecord(id))!;
    const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((name) => JSON.stringify(before[name]) !== JSON.stringify(after[name]));
    expect(changed.sort()).toEqual(['confirmedBy', 'leaseUntil', 'providerMessageId', 'sentAt', 'status']);
    for (const name of changed) expect(CONFIRM_SENT_ATTRIBUTES).toContain(name);
  });

  it('is reached through the local stack from the SES emulator: a send whose mark never came is marked, and the re-drive after the lease sends nothing', async () => {
    // Arrange: what a kill at effects.mail-accepted leaves — SES took the message, the ledger says 'sending'.
    const id = 'sent-event-5:request:v1';
    expect(await dynamoMailLedger.claim(message(id), new Date())).toBe('claimed');
    const { providerMessageId } = await sesMailer.send(message(id));
    // Act: the local stack's poller reads the emulator's store, as the event destination would deliver.
    const record = await poll(() => ledgerRecord(id), (item) => item?.status === 'sent', 'the ledger marked from the send event');
    const outcome = await sendMail(message(id), { ...effectPorts(), clock: pastTheLease });
    // Assert
    expect(record).toMatchObject({ status: 'sent', providerMessageId, confirmedBy: SENT_EVENT });
    expect(outcome).toBe('already-sent');
    const mails = (await sentMails(stack.sesEndpoint)).filter((mail) => mail.subject === message(id).subject);
    expect(mails).toHaveLength(1);
    expect((mails[0] as unknown as { headers?: { name: string; value: string }[] }).headers).toContainEqual({ name: MESSAGE_ID_HEADER, value: encodeMessageId(id) });
  });
});
