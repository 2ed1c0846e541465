import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Plan } from '#domain/plans/plan.ts';
import type { PlanStore } from '#domain/plans/plan-port.ts';
import { dynamo, tableName } from './dynamo.ts';
import { queryPage } from './pagination.ts';
import { planIndexKeys, planKey, planListPartition } from './table-keys.ts';
import { commitNew, commitNext, withoutStorageFields } from './versioned-item.ts';

/** Plans (key layouts in table-keys.ts): listed newest first by status on gsi1 and all together on gsi2. */
const toPlan = (item: Record<string, unknown>) => withoutStorageFields(item) as unknown as Plan;

const stateOf = (plan: Plan) => {
  const { version: _version, ...fields } = plan;
  return { entity: 'Plan', ...fields, ...planIndexKeys(plan) };
};

export const dynamoPlanStore: PlanStore = {
  async get(id) {
    const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: planKey(id), ConsistentRead: true }));
    return Item === undefined ? undefined : toPlan(Item);
  },

  create: (plan, event) => commitNew({ key: planKey(plan.id), state: stateOf(plan), events: [event], at: event.at }),

  async save(plan, expectedVersion, event) {
    await commitNext({ key: planKey(plan.id), expectedVersion, state: stateOf(plan), events: [event], at: event.at });
  },

  list({ status, limit, cursor }) {
    const indexName = status === undefined ? 'gsi2' : 'gsi1';
    return queryPage(
      {
        IndexName: indexName,
        KeyConditionExpression: `${indexName}pk = :pk`,
        ExpressionAttributeValues: { ':pk': planListPartition(status) },
        ScanIndexForward: false,
        Limit: limit,
      },
      cursor,
      toPlan,
    );
  },
};
