import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { ItemKey, PendingFields, PendingItem } from '#effects/effect-ports.ts';
import { dynamo, isConditionFailure, tableName, batchGetItems } from './dynamo.ts';
import { partitionKind, pendingPartition } from './table-keys.ts';

/**
 * Pending work (docs/design.md "Storage"): a command writes one item holding its new state plus the
 * `pendingEvents` and `outbox` it produced, marked in the sparse `pending` index. The effects
 * function (functions/effects/) finishes that work and clears the marks. This module only reads
 * and writes those marks (their layout: pendingMarks in table-keys.ts); it never runs an effect.
 */

export const hasPendingWork = (item: PendingFields): boolean =>
  item.pendingPk !== undefined && ((item.pendingEvents?.length ?? 0) > 0 || (item.outbox?.length ?? 0) > 0);

/** The item of a stream record's new image when it carries pending work; undefined otherwise. */
export function pendingItemOfImage(image: Record<string, unknown>): PendingItem | undefined {
  const item = unmarshall(image as Record<string, AttributeValue>) as PendingItem;
  return hasPendingWork(item) ? item : undefined;
}

/**
 * Clears the marks of a finished item while it is still at the version whose work was finished.
 * If a newer write carried that work forward with its own, only the finished part is removed
 * (its events and messages, by id), so work on a busy item never piles up; the newer write's
 * finisher does the rest. True when the item has nothing pending left.
 */
export async function clearPendingWork(item: PendingItem): Promise<boolean> {
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
    return true;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return removeFinished(item);
  }
}

async function removeFinished(finished: PendingItem): Promise<boolean> {
  const doneEvents = new Set((finished.pendingEvents ?? []).map((event) => event.eventId));
  const doneMessages = new Set((finished.outbox ?? []).map((message) => message.messageId));
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const current = await readPendingItem(finished);
    if (current === undefined) return true;
    const events = (current.pendingEvents ?? []).filter((event) => !doneEvents.has(event.eventId));
    const outbox = (current.outbox ?? []).filter((message) => !doneMessages.has(message.messageId));
    const unchanged = events.length === (current.pendingEvents?.length ?? 0) && outbox.length === (current.outbox?.length ?? 0);
    if (unchanged) return events.length === 0 && outbox.length === 0;
    const rest = events.length > 0 || outbox.length > 0;
    const sets = [...(events.length > 0 ? ['pendingEvents = :events'] : []), ...(outbox.length > 0 ? ['outbox = :outbox'] : [])];
    const removes = [
      ...(events.length > 0 ? [] : ['pendingEvents']),
      ...(outbox.length > 0 ? [] : ['outbox']),
      ...(rest ? [] : ['pendingPk', 'pendingSk']),
    ];
    try {
      await dynamo().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: { pk: finished.pk, sk: finished.sk },
          UpdateExpression: [sets.length > 0 ? `SET ${sets.join(', ')}` : '', removes.length > 0 ? `REMOVE ${removes.join(', ')}` : '']
            .filter(Boolean)
            .join(' '),
          ConditionExpression: 'version = :version',
          ExpressionAttributeValues: {
            ':version': current.version,
            ...(events.length > 0 ? { ':events': events } : {}),
            ...(outbox.length > 0 ? { ':outbox': outbox } : {}),
          },
        }),
      );
      return !rest;
    } catch (error) {
      if (!isConditionFailure(error)) throw error; // moved again: read it again
    }
  }
  return false;
}

/** The current item, strongly consistent (the index is not: read the item before acting on it). */
export async function readPendingItem(key: ItemKey): Promise<PendingItem | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: { pk: key.pk, sk: key.sk }, ConsistentRead: true }));
  return Item === undefined || Item.pendingPk === undefined ? undefined : (Item as PendingItem);
}

/** The current items of many keys in batched reads (strongly consistent); those no longer pending are left out. */
export async function readPendingItems(keys: readonly ItemKey[]): Promise<PendingItem[]> {
  const items = await batchGetItems(keys.map((key) => ({ pk: key.pk, sk: key.sk })));
  return items.filter((item) => item.pendingPk !== undefined) as unknown as PendingItem[];
}

/** Keys of items marked pending since before `before` (ISO instant), oldest first; one page. */
export async function listPendingKeys(
  before: string,
  options: { limit?: number | undefined; startKey?: Record<string, unknown> | undefined } = {},
): Promise<{ keys: ItemKey[]; startKey: Record<string, unknown> | undefined }> {
  const page = await dynamo().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'pending',
      KeyConditionExpression: 'pendingPk = :pk AND pendingSk < :before',
      ExpressionAttributeValues: { ':pk': pendingPartition(), ':before': before },
      ProjectionExpression: 'pk, sk',
      Limit: options.limit,
      ExclusiveStartKey: options.startKey,
    }),
  );
  return { keys: (page.Items ?? []) as ItemKey[], startKey: page.LastEvaluatedKey };
}

/** True when no item is marked pending at all (tests and the bench wait for this). */
export async function nothingPending(): Promise<boolean> {
  const { keys } = await listPendingKeys('~', { limit: 1 });
  return keys.length === 0;
}

/** The PendingWork port (effects/effect-ports.ts), with what the local stack and the bench also read. */
export const dynamoPendingWork = {
  clear: clearPendingWork,
  read: readPendingItem,
  readMany: readPendingItems,
  listKeys: listPendingKeys,
  nothingPending,
  kindOf: partitionKind,
};
