import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { CalendarRecalculation, RecalculationStore } from '#domain/deadlines/calendar-recalculation.ts';
import { dynamo, tableName } from './dynamo.ts';
import { queryPage } from './pagination.ts';
import { commitNew, commitNext, withoutStorageFields } from './versioned-item.ts';

/** Calendar recalculations: `RECALC#<id>` / `RECALC`; per year on gsi1 (`RECALCS#<year>` / `<startedAt>#<id>`), newest last. */
const recalculationKey = (id: string) => ({ pk: `RECALC#${id}`, sk: 'RECALC' });
const toRecalculation = (item: Record<string, unknown>) => withoutStorageFields(item) as unknown as CalendarRecalculation;

const stateOf = (recalculation: CalendarRecalculation) => {
  const { version: _version, ...fields } = recalculation;
  return { entity: 'CalendarRecalculation', ...fields, gsi1pk: `RECALCS#${recalculation.year}`, gsi1sk: `${recalculation.startedAt}#${recalculation.id}` };
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
      { IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': `RECALCS#${year}` }, ScanIndexForward: false, Limit: 1 },
      undefined,
      toRecalculation,
    );
    const newest = page.items[0];
    // The index may lag: the record itself is read strongly.
    return newest === undefined ? undefined : dynamoRecalculationStore.get(newest.id);
  },
};
