import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ConcurrentUpdateError } from '#domain/errors.ts';
import type { DomainEvent, OutboxMessage } from '#domain/ports.ts';
import { dynamo, isConditionFailure, tableName } from './dynamo.ts';
import { pendingMarks, type ItemKey, type PendingFields, type PendingItem } from './pending-work.ts';

/**
 * One command = one conditional write on one item (DESIGN.md "Storage"): the new state, the
 * next version, and the events and messages to finish afterwards — carried over from any
 * earlier write that has not been finished yet, so nothing is dropped.
 */

export interface VersionedWrite<T extends Record<string, unknown>> {
  key: ItemKey;
  /** 0 for a new item. */
  expectedVersion: number;
  state: T;
  events: DomainEvent[];
  outbox?: OutboxMessage[];
  /** The pending work the loaded item still carries. */
  carried?: PendingFields;
  at: string;
}

export async function putVersioned<T extends Record<string, unknown>>(write: VersionedWrite<T>): Promise<PendingItem & T> {
  const pendingEvents = [...(write.carried?.pendingEvents ?? []), ...write.events];
  const outbox = [...(write.carried?.outbox ?? []), ...(write.outbox ?? [])];
  const hasPending = pendingEvents.length > 0 || outbox.length > 0;
  const item = {
    ...write.state,
    ...write.key,
    version: write.expectedVersion + 1,
    ...(pendingEvents.length > 0 ? { pendingEvents } : {}),
    ...(outbox.length > 0 ? { outbox } : {}),
    ...(hasPending ? pendingMarks(write.key, write.at) : {}),
  };
  try {
    await dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: item,
        ...(write.expectedVersion === 0
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': write.expectedVersion } }),
      }),
    );
  } catch (error) {
    if (isConditionFailure(error)) {
      throw new ConcurrentUpdateError(`${write.key.pk} is no longer at version ${write.expectedVersion}`);
    }
    throw error;
  }
  return item as PendingItem & T;
}

/** Strips storage fields (keys, index keys, pending work) from an item before it leaves the API. */
export function withoutStorageFields<T extends Record<string, unknown>>(item: T): Omit<T, 'pk' | 'sk'> {
  const {
    pk: _pk,
    sk: _sk,
    gsi1pk: _g1p,
    gsi1sk: _g1s,
    gsi2pk: _g2p,
    gsi2sk: _g2s,
    duePk: _dp,
    dueSk: _ds,
    pendingPk: _pp,
    pendingSk: _ps,
    pendingEvents: _pe,
    outbox: _o,
    entity: _e,
    ...rest
  } = item;
  return rest as Omit<T, 'pk' | 'sk'>;
}
