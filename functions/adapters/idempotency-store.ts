import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { FoundIdempotencyRecord, IdempotencyContext, IdempotencyStore, StoredResponse } from '#http/middleware/idempotency.ts';
import { systemClock } from './clock.ts';
import { conditionFailureItem, dynamo, isConditionFailure, tableName } from './dynamo.ts';
import { idempotencyKey } from './table-keys.ts';

/** A key's answer is kept 24 hours (checked on read; the table's TTL only cleans up, in AWS). */
const RECORD_TTL_MS = 24 * 60 * 60_000;
/** Longer than any handler may run, so a crashed first attempt frees its key. */
const LEASE_MS = 60_000;

/** Keys are scoped to the API client and the route (table-keys.ts): one client's key never meets another's. */
const recordKey = (context: IdempotencyContext) => idempotencyKey(context);

/** One record of a key: its fingerprint, what it holds, and when it expires. */
const recordItem = (context: IdempotencyContext, now: Date, fields: Record<string, unknown>) => ({
  ...recordKey(context),
  entity: 'IdempotencyRecord',
  fingerprint: context.fingerprint,
  ...fields,
  expiresAt: new Date(now.getTime() + RECORD_TTL_MS).toISOString(),
  ttl: Math.floor((now.getTime() + RECORD_TTL_MS) / 1000),
});

/** A key's record as the middleware needs it. */
const toFound = (item: Record<string, unknown>): FoundIdempotencyRecord => ({
  ...(typeof item.fingerprint === 'string' ? { fingerprint: item.fingerprint } : {}),
  ...(typeof item.status === 'string' ? { status: item.status } : {}),
  response: item.response as StoredResponse | undefined,
});

const readRecord = async (context: IdempotencyContext) =>
  (await dynamo().send(new GetCommand({ TableName: tableName(), Key: recordKey(context), ConsistentRead: true }))).Item;

/**
 * The live record a refused write met: the refusal returns it where the store supports it
 * (DynamoDB's ReturnValuesOnConditionCheckFailure), else one consistent read. `{}` when it has
 * vanished or expired in between.
 */
async function foundAfterRefusal(error: unknown, context: IdempotencyContext): Promise<FoundIdempotencyRecord> {
  const item = conditionFailureItem(error) ?? (await readRecord(context));
  return item === undefined ? {} : toFound(item);
}

/**
 * One conditional write of a key's record: undefined when written, else the live record that
 * held the key (what claim, reserve and record each answer with).
 */
async function writeUnlessHeld(
  context: IdempotencyContext,
  now: Date,
  fields: Record<string, unknown>,
  condition: string,
  values: Record<string, unknown>,
): Promise<FoundIdempotencyRecord | undefined> {
  try {
    await dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: recordItem(context, now, fields),
        ConditionExpression: condition,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':now': now.toISOString(), ...values },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return undefined;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return foundAfterRefusal(error, context);
  }
}

/** Idempotency records in the one table (docs/design.md "Storage"): claim first, one write for a new key. */
export const dynamoIdempotencyStore: IdempotencyStore = {
  async reserve(context) {
    // Free, expired, or this request's own unanswered reservation (a retry after a crash or a lost race).
    return writeUnlessHeld(
      context,
      systemClock.now(),
      { status: 'reserved' },
      'attribute_not_exists(pk) OR expiresAt < :now OR (fingerprint = :fingerprint AND #status <> :completed)',
      { ':fingerprint': context.fingerprint, ':completed': 'completed' },
    );
  },

  async claim(context) {
    const now = systemClock.now();
    return writeUnlessHeld(
      context,
      now,
      { status: 'in-progress', leaseUntil: new Date(now.getTime() + LEASE_MS).toISOString() },
      'attribute_not_exists(pk) OR expiresAt < :now OR (#status = :inProgress AND leaseUntil < :now)',
      { ':inProgress': 'in-progress' },
    );
  },

  async record(context, response) {
    // Over this request's own reservation; never over another request's or a kept answer.
    return writeUnlessHeld(
      context,
      systemClock.now(),
      { status: 'completed', response },
      'attribute_not_exists(pk) OR expiresAt < :now OR (fingerprint = :fingerprint AND #status = :reserved)',
      { ':fingerprint': context.fingerprint, ':reserved': 'reserved' },
    );
  },

  async complete(context, response) {
    await dynamo().send(new PutCommand({ TableName: tableName(), Item: recordItem(context, systemClock.now(), { status: 'completed', response }) }));
  },

  async release(context) {
    await dynamo().send(new DeleteCommand({ TableName: tableName(), Key: recordKey(context) }));
  },
};
