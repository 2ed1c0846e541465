import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { CalendarRecalculation, RecalculationStore } from '#domain/deadlines/calendar-recalculation.ts';
import { dynamo, tableName } from './dynamo.ts';
import { queryPage } from './pagination.ts';
import { recalculationIndexKeys, recalculationKey, recalculationListPartition } from './table-keys.ts';
import { commitNew, commitNext, withoutStorageFields } from './versioned-item.ts';

/** Calendar recalculations (key layouts in table-keys.ts): per year on gsi1, newest last. */
const toRecalculation = (item: Record<string, unknown>) => withoutStorageFields(item) as unknown as CalendarRecalculation;

const stateOf = (recalculation: CalendarRecalculation) => {
  const { version: _version, ...fields } = recalculation;
  return { entity: 'CalendarRecalculation', ...fields, ...recalculationIndexKeys(recalculation) };
};

export const dynamoRecalculationStore: RecalculationStore = {
  async get(id) {
    const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: recalculationKey(id), ConsistentRead: true }));
    return Item === undefined ? undefined : toRecalculation(Item);
  },

  create: (recalculation, events) =>
    commitNew({ key: recalculationKey(recalculation.id), state: stateOf(recalculation), events, at: recalculation.startedAt }),

  async save(recalculation, expectedVersion, events) {
    await commitNext({ key: recalculationKey(recalculation.id), expectedVersion, state: stateOf(recalculation), events, at: recalculation.updatedAt });
  },

  async latest(year) {
    const page = await queryPage(
      { IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': recalculationListPartition(year) }, ScanIndexForward: false, Limit: 1 },
      undefined,
      toRecalculation,
    );
    const newest = page.items[0];
    // The index may lag: the record itself is read strongly.
    return newest === undefined ? undefined : dynamoRecalculationStore.get(newest.id);
  },
};
