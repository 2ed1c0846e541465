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
 * The writer of those counters (tests, bench, demo data): adds to one shard of the quarter, in
 * two UpdateItems (the maps must exist before a nested ADD).
 */
export async function addAppealCounts(
  quarter: Quarter,
  shard: string,
  add: { total: number; by: Partial<Record<AppealDimension, Record<string, number>>> },
): Promise<void> {
  const key = { pk: appealCountersPk(quarter), sk: shard };
  await dynamo().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: key,
      UpdateExpression: 'SET #entity = :entity, #counts = if_not_exists(#counts, :empty)',
      ExpressionAttributeNames: { '#counts': 'counts', '#entity': 'entity' },
      ExpressionAttributeValues: { ':entity': 'AppealCounters', ':empty': Object.fromEntries(APPEAL_DIMENSIONS.map((dimension) => [dimension, {}])) },
    }),
  );
  const names: Record<string, string> = { '#total': 'total' };
  const values: Record<string, unknown> = { ':total': add.total };
  const adds = ['#total :total'];
  let n = 0;
  if (Object.values(add.by).some((counts) => Object.keys(counts ?? {}).length > 0)) names['#counts'] = 'counts';
  for (const dimension of APPEAL_DIMENSIONS) {
    for (const [value, count] of Object.entries(add.by[dimension] ?? {})) {
      names[`#d${n}`] = dimension;
      names[`#k${n}`] = value;
      values[`:n${n}`] = count;
      adds.push(`#counts.#d${n}.#k${n} :n${n}`);
      n += 1;
    }
  }
  await dynamo().send(
    new UpdateCommand({ TableName: tableName(), Key: key, UpdateExpression: `ADD ${adds.join(', ')}`, ExpressionAttributeNames: names, ExpressionAttributeValues: values }),
  );
}
