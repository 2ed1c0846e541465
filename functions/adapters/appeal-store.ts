import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { APPEAL_DIMENSIONS, emptyAppealCounts, type AppealCountReader, type AppealCounts, type AppealDimension, type Quarter } from '#domain/appeals/appeal-counts.ts';
import type { Appeal } from '#domain/appeals/appeal.ts';
import { APPEAL_COUNTER_SHARDS, sumAppealCounts } from '#domain/appeals/appeal-intake.ts';
import type { AppealBatchRecord, AppealCounterWriter, AppealStore } from '#domain/appeals/appeal-port.ts';
import { batchGetItems, batchWriteItems, dynamo, isConditionFailure, tableName } from './dynamo.ts';
import { appealBatchKey, appealCounterKey, appealKey, bodyKey, isAppealItem, isBodyItem, pendingMarks } from './table-keys.ts';
import { withoutStorageFields } from './versioned-item.ts';

/**
 * §13 appeals and their §14 counters (key layouts in table-keys.ts).
 * - appealKey: one item per appeal (client-supplied id: the key is its identity),
 *   written with BatchWriteItem (25 a call, 4 calls at a time) — the records are not aggregates:
 *   nothing reads-modifies-writes them, so no version.
 * - appealBatchKey: one counting record per push, written after its appeals,
 *   carrying the `AppealsRecorded` event (the push's counts, aggregated) as pending work: the
 *   effects add them to the counters. A push that failed before it has appeals with no record;
 *   its retry counts them (appeal-intake.ts) and marks the failed push's id counted.
 * - appealCounterKey: a shard of a quarter's counters, one attribute per counted
 *   value (`n#channel#phone_1414`) plus `total`, and the tokens of the pushes already added, one
 *   set per hour of recording (`tk#<hour>`, checked and extended in the same conditional update,
 *   so a re-run adds nothing; kept TOKEN_WINDOW_HOURS).
 *   Each shard has its own partition key, so the writes to a hot counter are spread over
 *   APPEAL_COUNTER_SHARDS partitions; a quarter is read as those few keys in one BatchGetItem
 *   (a Query reads one partition key only, which would put every shard in one partition).
 */

/** The stored item of an appeal (also what the bench loads straight into the table). */
export const appealItem = (appeal: Appeal) => ({ ...appealKey(appeal.id), entity: 'Appeal', ...appeal });

export const appealBatchItem = (batch: AppealBatchRecord) => {
  const key = appealBatchKey(batch.batchId);
  return {
    ...key,
    entity: 'AppealBatch',
    version: 1,
    batchId: batch.batchId,
    recordedAt: batch.recordedAt,
    recordedBy: batch.recordedBy,
    accepted: batch.accepted,
    pendingEvents: [batch.event],
    ...pendingMarks(key, batch.recordedAt),
  };
};

const toAppeal = (item: Record<string, unknown>): Appeal => {
  const { entity: _entity, ...rest } = withoutStorageFields(item) as Record<string, unknown>;
  return rest as unknown as Appeal;
};

/** BatchGetItem calls of 100 keys each, all at once (one round trip for up to 1,000 keys). */
async function readAll(keys: readonly { pk: string; sk: string }[]): Promise<Record<string, unknown>[]> {
  const chunks: { pk: string; sk: string }[][] = [];
  for (let start = 0; start < keys.length; start += 100) chunks.push(keys.slice(start, start + 100));
  return (await Promise.all(chunks.map((chunk) => batchGetItems(chunk)))).flat();
}

export const dynamoAppealStore: AppealStore = {
  async readIntake(appealIds, bodyIds) {
    const items = await readAll([...appealIds.map(appealKey), ...bodyIds.map(bodyKey)]);
    const appeals = new Map<string, Appeal>();
    const bodies = new Set<string>();
    for (const item of items) {
      if (isBodyItem(item)) bodies.add(String(item.id));
      else if (isAppealItem(item)) {
        const appeal = toAppeal(item);
        appeals.set(appeal.id, appeal);
      }
    }
    // Only a push with duplicates asks which of their pushes were counted (a second round).
    const batchIds = [...new Set([...appeals.values()].map((appeal) => appeal.batchId))];
    const batches = batchIds.length === 0 ? [] : await readAll(batchIds.map(appealBatchKey));
    return { appeals, bodies, countedBatches: new Set(batches.map((item) => String(item.batchId))) };
  },

  async write(appeals, batch) {
    await batchWriteItems(appeals.map(appealItem));
    if (batch === undefined) return;
    // The record and the marks of the pushes it recounts go in the same calls, after the appeals.
    await batchWriteItems([
      appealBatchItem(batch),
      ...batch.recounts.map((batchId) => ({ ...appealBatchKey(batchId), entity: 'AppealBatch', batchId, countedIn: batch.batchId })),
    ]);
  },

  // Strongly consistent: the operator who just recorded an appeal reads it back.
  async get(id) {
    const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: appealKey(id), ConsistentRead: true }));
    return Item === undefined ? undefined : toAppeal(Item);
  },
};

/** A counter's attribute on a shard item. */
const counterAttribute = (dimension: AppealDimension | 'total', value: string): string => (dimension === 'total' ? 'total' : `n#${dimension}#${value}`);

/**
 * Increments per UpdateItem: an update expression may be 4 KB at most, and a clause here is 13
 * characters (`#c239 :c239, `): 240 of them, the token's clause and the expired hours' REMOVE
 * are ~3.4 KB. A push of 500 has ~200 distinct values: one update.
 */
export const INCREMENTS_PER_UPDATE = 240;

/**
 * How long a push's tokens are kept on its shard: a re-run comes from the stream (24 h of
 * retention, retries) or the re-drive of a push still pending; a week covers both with room.
 * Tokens live in one set per hour of recording (`tk#<hour>`); each update drops the sets of the
 * day that just left the window, so a shard holds about a week of pushes (docs/capacity.md).
 * A shard no push reached for over a day keeps the sets of the hours it skipped: a few tokens.
 */
export const TOKEN_WINDOW_HOURS = 7 * 24;
const HOURS_DROPPED_PER_UPDATE = 24;
const hourOf = (at: string): number => Math.floor(Date.parse(at) / 3_600_000);

export const dynamoAppealCounterWriter: AppealCounterWriter = {
  async add(quarter, shard, token, increments, recordedAt) {
    const hour = hourOf(recordedAt);
    const expired = Array.from({ length: HOURS_DROPPED_PER_UPDATE }, (_, index) => `tk#${hour - TOKEN_WINDOW_HOURS - index}`);
    let applied = 0;
    let skipped = 0;
    for (let start = 0, part = 0; start < increments.length; start += INCREMENTS_PER_UPDATE, part += 1) {
      const chunk = increments.slice(start, start + INCREMENTS_PER_UPDATE);
      const partToken = `${token}#${part}`;
      const names: Record<string, string> = { '#tokens': `tk#${hour}` };
      expired.forEach((name, index) => {
        names[`#x${index}`] = name;
      });
      const values: Record<string, unknown> = { ':token': partToken, ':tokens': new Set([partToken]) };
      const clauses = chunk.map((increment, index) => {
        names[`#c${index}`] = counterAttribute(increment.dimension, increment.value);
        values[`:c${index}`] = increment.by;
        return `#c${index} :c${index}`;
      });
      try {
        await dynamo().send(
          new UpdateCommand({
            TableName: tableName(),
            Key: appealCounterKey(quarter, shard),
            UpdateExpression: `ADD ${clauses.join(', ')}, #tokens :tokens REMOVE ${expired.map((_, index) => `#x${index}`).join(', ')}`,
            ConditionExpression: 'NOT contains(#tokens, :token)',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          }),
        );
        applied += 1;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        skipped += 1; // added before: this is a re-run
      }
    }
    return { applied, skipped };
  },
};

/** A shard item's counters, as counts. */
function countsOfShard(quarter: Quarter, item: Record<string, unknown>): AppealCounts {
  const counts = emptyAppealCounts(quarter);
  counts.total = Number(item.total ?? 0);
  const dimensions = new Set<string>(APPEAL_DIMENSIONS);
  for (const [name, count] of Object.entries(item)) {
    if (!name.startsWith('n#')) continue;
    const separator = name.indexOf('#', 2);
    const dimension = name.slice(2, separator);
    if (separator < 0 || !dimensions.has(dimension)) continue;
    counts.by[dimension as AppealDimension][name.slice(separator + 1)] = Number(count);
  }
  return counts;
}

/** The port of the §14 report: every shard of the quarter in one BatchGetItem, summed. */
export const dynamoAppealCountReader: AppealCountReader = {
  async readQuarter(quarter) {
    const keys = Array.from({ length: APPEAL_COUNTER_SHARDS }, (_, shard) => appealCounterKey(quarter, shard));
    const items = await batchGetItems(keys);
    return sumAppealCounts(quarter, items.map((item) => countsOfShard(quarter, item)));
  },
};
