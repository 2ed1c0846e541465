import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ConcurrentUpdateError } from '#domain/errors.ts';
import type { DomainEvent, OutboxMessage } from '#domain/ports.ts';
import { dynamo, isConditionFailure, tableName } from './dynamo.ts';
import { systemClock } from './clock.ts';
import { finishAfterCommit, pendingMarks, type ItemKey, type PendingFields, type PendingItem } from './pending-work.ts';
import { sesMailer } from './ses-mailer.ts';

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

type Commit<T extends Record<string, unknown>> = Omit<VersionedWrite<T>, 'expectedVersion' | 'carried' | 'at'> & { at?: string };

/**
 * A command that creates an aggregate: the write, then its events and e-mails finished.
 * False when the key exists (a repeat; the caller decides what that means).
 */
export async function commitNew<T extends Record<string, unknown>>(write: Commit<T>): Promise<boolean> {
  try {
    const item = await putVersioned({ ...write, expectedVersion: 0, at: write.at ?? systemClock.now().toISOString() });
    await finishAfterCommit(item, sesMailer, systemClock);
    return true;
  } catch (error) {
    if (error instanceof ConcurrentUpdateError) return false;
    throw error;
  }
}

/**
 * A command on an existing aggregate at `expectedVersion`: carries any pending work the stored
 * item still holds, writes, then finishes. Throws ConcurrentUpdateError when it moved on.
 */
export async function commitNext<T extends Record<string, unknown>>(
  write: Commit<T> & { expectedVersion: number },
): Promise<PendingItem & T> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: write.key, ConsistentRead: true }));
  const item = await putVersioned({ ...write, ...(Item === undefined ? {} : { carried: Item }), at: write.at ?? systemClock.now().toISOString() });
  await finishAfterCommit(item, sesMailer, systemClock);
  return item;
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
