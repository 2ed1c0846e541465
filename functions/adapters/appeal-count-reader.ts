import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { APPEAL_DIMENSIONS, emptyAppealCounts, type AppealCountReader, type AppealDimension, type Quarter } from '#domain/appeals/appeal-counts.ts';
import { dynamo, tableName } from './dynamo.ts';
import { queryAll } from './pagination.ts';

/**
 * The §13 counters as the quarterly report reads them, until the appeals feature's own reader
 * lands (branch `appeals`; the lead reconciles on merge): items `APPEAL_COUNTERS#<quarter>`, any
 * sort key (shards), each with `total` and a `counts` map per dimension; the report sums them.
 */
export const appealCountersPk = (quarter: Quarter) => `APPEAL_COUNTERS#${quarter}`;

export const dynamoAppealCountReader: AppealCountReader = {
  async readQuarter(quarter) {
    const items = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': appealCountersPk(quarter) }, ConsistentRead: true });
    const counts = emptyAppealCounts(quarter);
    for (const item of items) {
      counts.total += Number(item.total ?? 0);
      const maps = (item.counts ?? {}) as Partial<Record<AppealDimension, Record<string, number>>>;
      for (const dimension of APPEAL_DIMENSIONS) {
        for (const [key, value] of Object.entries(maps[dimension] ?? {})) {
          counts.by[dimension][key] = (counts.by[dimension][key] ?? 0) + Number(value);
        }
      }
    }
    return counts;
  },
};

/**
 * The writer of those counters (tests, bench, demo data): adds `n` appeals with the given values
 * to one shard of the quarter, in one UpdateItem.
 */
export async function addAppealCounts(quarter: Quarter, shard: string, n: number, values: Partial<Record<AppealDimension, string>>): Promise<void> {
  const dimensions = APPEAL_DIMENSIONS.filter((dimension) => values[dimension] !== undefined);
  // The maps must exist before a nested ADD: one SET of empty maps first (if_not_exists), then the ADDs.
  await dynamo().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: { pk: appealCountersPk(quarter), sk: shard },
      UpdateExpression: 'SET #entity = :entity, #counts = if_not_exists(#counts, :empty)',
      ExpressionAttributeNames: { '#counts': 'counts', '#entity': 'entity' },
      ExpressionAttributeValues: { ':entity': 'AppealCounters', ':empty': Object.fromEntries(APPEAL_DIMENSIONS.map((dimension) => [dimension, {}])) },
    }),
  );
  const names: Record<string, string> = { '#counts': 'counts', '#total': 'total' };
  const valuesOf: Record<string, unknown> = { ':n': n };
  const adds = ['#total :n'];
  dimensions.forEach((dimension, i) => {
    names[`#d${i}`] = dimension;
    names[`#k${i}`] = values[dimension]!;
    adds.push(`#counts.#d${i}.#k${i} :n`);
  });
  await dynamo().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: { pk: appealCountersPk(quarter), sk: shard },
      UpdateExpression: `ADD ${adds.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: valuesOf,
    }),
  );
}
