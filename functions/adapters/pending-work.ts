import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { logger } from '#commons/logger.ts';
import type { Clock, DomainEvent, Mailer, OutboxMessage } from '#domain/ports.ts';
import { dynamo, isConditionFailure, tableName } from './dynamo.ts';
import { projectEvent } from './projections.ts';

/**
 * The outbox (DESIGN.md "Storage"): dynalite has no transactions, so a command writes one item
 * holding its new state plus `pendingEvents` and `outbox`, and marks it in the sparse `pending`
 * index. Afterwards — right away, or from the re-drive job after a crash — this module copies
 * the events to the audit log and sends the mail, each step idempotent, then clears the marks.
 */
export const PENDING_PARTITION = 'PENDING';

export interface PendingFields {
  pendingEvents?: DomainEvent[];
  outbox?: OutboxMessage[];
  pendingPk?: string;
  pendingSk?: string;
}

export interface ItemKey {
  pk: string;
  sk: string;
}

export const pendingMarks = (key: ItemKey, at: string) => ({
  pendingPk: PENDING_PARTITION,
  pendingSk: `${at}#${key.pk}#${key.sk}`,
});

export const auditKey = (event: Pick<DomainEvent, 'aggregateType' | 'aggregateId' | 'at' | 'eventId'>) => ({
  pk: `AUDIT#${event.aggregateType}#${event.aggregateId}`,
  sk: `${event.at}#${event.eventId}`,
});

async function appendAudit(event: DomainEvent): Promise<void> {
  try {
    await dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...auditKey(event), entity: 'AuditEvent', ...event },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error; // already copied by an earlier attempt
  }
}

/** A lease on one message while it is sent, so two re-drives never send it together. */
const SEND_LEASE_MS = 5 * 60_000;

/**
 * Sends one message at most once per ledger record: claim (conditional), send, mark sent.
 * Only a crash between SES accepting the message and the 'sent' mark can repeat it, after the
 * lease runs out: SES has no idempotency token, so that window is the floor.
 */
async function sendOnce(message: OutboxMessage, mailer: Mailer, clock: Clock): Promise<'sent' | 'already-sent' | 'leased'> {
  const key = { pk: `MAIL#${message.messageId}`, sk: 'MAIL' };
  const now = clock.now();
  // Claim first (the usual case: a new message); only a refused claim reads why.
  try {
    await dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...key,
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
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const { Item: record } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }));
    return record?.status === 'sent' ? 'already-sent' : 'leased';
  }
  const { providerMessageId } = await mailer.send(message);
  await dynamo().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: key,
      UpdateExpression: 'SET #status = :sent, sentAt = :at, providerMessageId = :id REMOVE leaseUntil',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':sent': 'sent', ':at': clock.now().toISOString(), ':id': providerMessageId },
    }),
  );
  logger.info('mail sent', { messageId: message.messageId, purpose: message.purpose });
  return 'sent';
}

export interface PendingItem extends ItemKey, PendingFields {
  version: number;
}

export interface FinishResult {
  events: number;
  sent: number;
  skipped: number;
  cleared: boolean;
}

/** Finishes what one committed write left to do. Safe to run any number of times. */
export async function finishPendingWork(item: PendingItem, mailer: Mailer, clock: Clock): Promise<FinishResult> {
  const events = item.pendingEvents ?? [];
  const messages = item.outbox ?? [];
  // Audit copies are independent of each other; projections run in event order (an open
  // before its close).
  await Promise.all(events.map(appendAudit));
  for (const event of events) await projectEvent(event);
  let sent = 0;
  let skipped = 0;
  let leased = 0;
  for (const message of messages) {
    const outcome = await sendOnce(message, mailer, clock);
    if (outcome === 'sent') sent += 1;
    else if (outcome === 'already-sent') skipped += 1;
    else leased += 1;
  }
  // A message another sender holds (or a crashed one held) is not done: keep the marks so a
  // later re-drive sends it once the lease runs out.
  if (leased > 0) return { events: events.length, sent, skipped, cleared: false };
  let cleared = true;
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: item.pk, sk: item.sk },
        UpdateExpression: 'REMOVE pendingEvents, outbox, pendingPk, pendingSk',
        ConditionExpression: 'version = :version',
        ExpressionAttributeValues: { ':version': item.version },
      }),
    );
  } catch (error) {
    // A newer write carried these entries forward with its own; its finisher clears them.
    if (!isConditionFailure(error)) throw error;
    cleared = false;
  }
  return { events: events.length, sent, skipped, cleared };
}

/** Runs finishPendingWork right after a command, without failing the command if it breaks:
 * the write is committed and the re-drive job will complete it. */
export async function finishAfterCommit(item: PendingItem, mailer: Mailer, clock: Clock): Promise<void> {
  if (!item.pendingEvents?.length && !item.outbox?.length) return;
  try {
    await finishPendingWork(item, mailer, clock);
  } catch (error) {
    logger.warn('pending work left for re-drive', { pk: item.pk, error: (error as Error).name });
  }
}

export interface RedriveResult {
  items: number;
  events: number;
  sent: number;
  skipped: number;
  failed: number;
}

/**
 * Finds every item still marked pending whose mark is older than `graceMs` (so in-flight
 * requests finish their own work) and completes it. Costs what is pending, not what is stored.
 */
export async function redrivePending(mailer: Mailer, clock: Clock, graceMs = 60_000): Promise<RedriveResult> {
  const cutoff = new Date(clock.now().getTime() - graceMs).toISOString();
  const result: RedriveResult = { items: 0, events: 0, sent: 0, skipped: 0, failed: 0 };
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'pending',
        KeyConditionExpression: 'pendingPk = :pk AND pendingSk < :cutoff',
        ExpressionAttributeValues: { ':pk': PENDING_PARTITION, ':cutoff': cutoff },
        ProjectionExpression: 'pk, sk',
        ExclusiveStartKey: startKey,
      }),
    );
    for (const key of (page.Items ?? []) as ItemKey[]) {
      // The index is eventually consistent: read the item itself before acting on it.
      const { Item } = await dynamo().send(
        new GetCommand({ TableName: tableName(), Key: { pk: key.pk, sk: key.sk }, ConsistentRead: true }),
      );
      if (Item === undefined || Item.pendingPk === undefined) continue;
      result.items += 1;
      try {
        const finished = await finishPendingWork(Item as PendingItem, mailer, clock);
        result.events += finished.events;
        result.sent += finished.sent;
        result.skipped += finished.skipped;
      } catch (error) {
        result.failed += 1;
        logger.error('re-drive failed for an item', { pk: key.pk, error: (error as Error).name });
      }
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return result;
}
