import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { OutboxMessage } from '#domain/ports.ts';
import type { Claim, MailLedger } from '#effects/effect-ports.ts';
import { dynamo, isConditionFailure, tableName } from './dynamo.ts';
import { mailKey } from './table-keys.ts';

/**
 * The mail ledger: one record per message id, so a message is sent at most once however often
 * the effects function runs (mailKey in table-keys.ts). `claim` takes a lease on the send;
 * `markSent` records the outcome; `confirmSent` records SES's own report of the send, for a
 * sender that died between SES taking the message and its mark.
 */

/** Longer than any send takes, so two finishers never send one message together. */
export const SEND_LEASE_MS = 5 * 60_000;

/** `confirmedBy` of a record only SES's Email Sent event marked: its sender died before its own mark. */
export const SENT_EVENT = 'ses-send-event';

export const dynamoMailLedger = {
  async claim(message: OutboxMessage, now: Date): Promise<Claim> {
    // Claim first (the usual case: a new message); only a refused claim reads why.
    try {
      await dynamo().send(
        new PutCommand({
          TableName: tableName(),
          Item: {
            ...mailKey(message.messageId),
            entity: 'MailRecord',
            messageId: message.messageId,
            purpose: message.purpose,
            status: 'sending',
            leaseUntil: new Date(now.getTime() + SEND_LEASE_MS).toISOString(),
            to: message.to,
            subject: message.subject,
          },
          ConditionExpression: 'attribute_not_exists(pk) OR (#status = :sending AND leaseUntil < :now)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':sending': 'sending', ':now': now.toISOString() },
        }),
      );
      return 'claimed';
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: mailKey(message.messageId), ConsistentRead: true }));
      return Item?.status === 'sent' || Item?.status === 'rejected' ? 'already-sent' : 'leased';
    }
  },

  async markSent(messageId: string, providerMessageId: string, at: Date): Promise<void> {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: mailKey(messageId),
        // The sender's own mark: a record its send event marked first is then the sender's (confirmedBy
        // stays only where the sender never marked, i.e. it died between SES and this write).
        UpdateExpression: 'SET #status = :sent, sentAt = :at, providerMessageId = :id REMOVE leaseUntil, confirmedBy',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':sent': 'sent', ':at': at.toISOString(), ':id': providerMessageId },
      }),
    );
  },

  async markRejected(messageId: string, reason: string, at: Date): Promise<void> {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: mailKey(messageId),
        UpdateExpression: 'SET #status = :rejected, rejectedAt = :at, reason = :reason REMOVE leaseUntil',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':rejected': 'rejected', ':at': at.toISOString(), ':reason': reason },
      }),
    );
  },

  /** Gives a claim back after a failed send, so the retry need not wait for the lease. */
  async release(messageId: string): Promise<void> {
    await dynamo()
      .send(
        new UpdateCommand({
          TableName: tableName(),
          Key: mailKey(messageId),
          UpdateExpression: 'SET leaseUntil = :past',
          ConditionExpression: '#status = :sending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':past': '0000', ':sending': 'sending' },
        }),
      )
      .catch((error: unknown) => {
        if (!isConditionFailure(error)) throw error;
      });
  },

  async confirmSent(messageId: string, providerMessageId: string, at: Date): Promise<boolean> {
    try {
      await dynamo().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: mailKey(messageId),
          // Only a claim: a 'sent' record keeps its own mark, a 'rejected' one its reason.
          UpdateExpression: 'SET #status = :sent, sentAt = :at, providerMessageId = :id, confirmedBy = :event REMOVE leaseUntil',
          ConditionExpression: '#status = :sending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':sent': 'sent', ':sending': 'sending', ':at': at.toISOString(), ':id': providerMessageId, ':event': SENT_EVENT },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  },
} satisfies MailLedger;
