import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Plan } from '#domain/plans/plan.ts';
import type { PlanStore } from '#domain/plans/plan-store.ts';
import { dynamo, tableName } from './dynamo.ts';
import { queryPage } from './pagination.ts';
import { commitNew, commitNext, withoutStorageFields } from './versioned-item.ts';

/**
 * Plans: `PLAN#<id>` / `PLAN`, listed newest first by status on gsi1 (`PLANS#<status>`) and all
 * together on gsi2 (`PLANS`), both sorted `<createdAt>#<id>`.
 */
const planKey = (id: string) => ({ pk: `PLAN#${id}`, sk: 'PLAN' });
const toPlan = (item: Record<string, unknown>) => withoutStorageFields(item) as unknown as Plan;

export const planIndexKeys = (plan: Pick<Plan, 'id' | 'status' | 'createdAt'>) => {
  const sortKey = `${plan.createdAt}#${plan.id}`;
  return { gsi1pk: `PLANS#${plan.status}`, gsi1sk: sortKey, gsi2pk: 'PLANS', gsi2sk: sortKey };
};

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
    const [indexName, pk] = status === undefined ? ['gsi2', 'PLANS'] : ['gsi1', `PLANS#${status}`];
    return queryPage(
      {
        IndexName: indexName,
        KeyConditionExpression: `${indexName}pk = :pk`,
        ExpressionAttributeValues: { ':pk': pk },
        ScanIndexForward: false,
        Limit: limit,
      },
      cursor,
      toPlan,
    );
  },
};
