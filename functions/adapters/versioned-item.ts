import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ConcurrentUpdateError, UnprocessableError } from '#domain/errors.ts';
import type { DomainEvent, OutboxMessage } from '#domain/ports.ts';
import { conditionFailureItem, dynamo, isConditionFailure, tableName } from './dynamo.ts';
import { systemClock } from './clock.ts';
import { itemSizeBytes, RECORD_LIMIT_BYTES } from './item-size.ts';
import type { ItemKey, PendingFields, PendingItem } from '#effects/effect-ports.ts';
import { pendingMarks } from './table-keys.ts';

/**
 * One command = one conditional write on one item (docs/design.md "Storage"): the new state, the
 * next version, and the events and messages it produced, marked pending. The write is all a
 * command does: the effects function (functions/effects/) finishes the work from the table's
 * stream, or from the pending index where the store has no stream.
 */

export interface VersionedWrite<T extends Record<string, unknown>> {
  key: ItemKey;
  /** 0 for a new item. */
  expectedVersion: number;
  state: T;
  events: DomainEvent[];
  outbox?: OutboxMessage[];
  /** The pending work the stored item still carries (not finished yet): carried forward. */
  carried?: PendingFields;
  at: string;
}

class CarryNeeded extends Error {
  constructor(readonly stored: Record<string, unknown> | undefined) {
    super('the stored item still carries pending work');
  }
}

async function putVersioned<T extends Record<string, unknown>>(write: VersionedWrite<T>, guardPending: boolean): Promise<PendingItem & T> {
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
  assertFits(item);
  const condition =
    write.expectedVersion === 0
      ? { ConditionExpression: 'attribute_not_exists(pk)' }
      : {
          // Unfinished work of the stored version must not be overwritten: such a write is
          // refused and made again with that work carried forward.
          ConditionExpression: guardPending ? 'version = :expected AND attribute_not_exists(pendingPk)' : 'version = :expected',
          ExpressionAttributeValues: { ':expected': write.expectedVersion },
        };
  try {
    await dynamo().send(
      new PutCommand({ TableName: tableName(), Item: item, ...condition, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const stored = conditionFailureItem(error);
    if (guardPending && write.expectedVersion > 0 && (stored === undefined || stored.version === write.expectedVersion)) {
      throw new CarryNeeded(stored);
    }
    throw new ConcurrentUpdateError(`The record is no longer at version ${write.expectedVersion}`);
  }
  return item as PendingItem & T;
}

/**
 * A record that would outgrow what one item holds is refused before the write (422 naming the
 * limit), instead of failing in the store: nothing is written, and the caller can send less.
 */
function assertFits(item: Record<string, unknown>): void {
  const size = itemSizeBytes(item);
  if (size <= RECORD_LIMIT_BYTES) return;
  throw new UnprocessableError(
    `This change would make the record ${Math.ceil(size / 1024)} KB; a record holds at most ${RECORD_LIMIT_BYTES / 1024} KB. Send less (fewer or shorter entries).`,
    { limitBytes: RECORD_LIMIT_BYTES, sizeBytes: size },
  );
}

type Commit<T extends Record<string, unknown>> = Omit<VersionedWrite<T>, 'expectedVersion' | 'carried' | 'at'> & { at?: string };

/** A command that creates an aggregate: one write. False when the key exists (a repeat; the caller decides). */
export async function commitNew<T extends Record<string, unknown>>(write: Commit<T>): Promise<boolean> {
  try {
    await putVersioned({ ...write, expectedVersion: 0, at: write.at ?? systemClock.now().toISOString() }, false);
    return true;
  } catch (error) {
    if (error instanceof ConcurrentUpdateError) return false;
    throw error;
  }
}

/**
 * A command on an existing aggregate at `expectedVersion`: usually one write. Only when the
 * stored item still carries unfinished work is that work read (returned by the refused write
 * where the store supports it) and carried into a second write. Throws ConcurrentUpdateError
 * when the aggregate moved on.
 */
export async function commitNext<T extends Record<string, unknown>>(
  write: Commit<T> & { expectedVersion: number },
): Promise<PendingItem & T> {
  const at = write.at ?? systemClock.now().toISOString();
  try {
    return await putVersioned({ ...write, at }, true);
  } catch (error) {
    if (!(error instanceof CarryNeeded)) throw error;
    // dynalite ignores ReturnValuesOnConditionCheckFailure: read what the refused write did not return.
    const stored =
      error.stored ?? (await dynamo().send(new GetCommand({ TableName: tableName(), Key: write.key, ConsistentRead: true }))).Item;
    if (stored === undefined || stored.version !== write.expectedVersion) {
      throw new ConcurrentUpdateError(`The record is no longer at version ${write.expectedVersion}`);
    }
    return putVersioned({ ...write, at, carried: stored as PendingFields }, false);
  }
}

/** The listing attributes of the table's indexes (infra/table-definition.ts names the same; a test ties them). */
export const INDEX_ATTRIBUTES: readonly string[] = ['gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', 'duePk', 'dueSk', 'pendingPk', 'pendingSk'];

/** Everything an item holds for storage, never for the API: keys, index keys, pending work, the entity tag. */
export const STORAGE_ATTRIBUTES: ReadonlySet<string> = new Set(['pk', 'sk', ...INDEX_ATTRIBUTES, 'pendingEvents', 'outbox', 'entity']);

/** Strips storage fields (STORAGE_ATTRIBUTES) from an item before it leaves the API. */
export function withoutStorageFields<T extends Record<string, unknown>>(item: T): Omit<T, 'pk' | 'sk'> {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !STORAGE_ATTRIBUTES.has(name))) as Omit<T, 'pk' | 'sk'>;
}
