import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Plan } from '#domain/plans/plan.ts';
import type { PlanStore } from '#domain/plans/plan-store.ts';
import { dynamo, tableName } from './dynamo.ts';
import { queryPage } from './pagination.ts';
import { commitNew, commitNext, withoutStorageFields } from './versioned-item.ts';

/** Plans: `PLAN#<id>` / `PLAN`, listed by status on gsi1 (`PLANS#<status>`), newest first. */
const planKey = (id: string) => ({ pk: `PLAN#${id}`, sk: 'PLAN' });
const toPlan = (item: Record<string, unknown>) => withoutStorageFields(item) as unknown as Plan;

const stateOf = (plan: Plan) => {
  const { version: _version, ...fields } = plan;
  return { entity: 'Plan', ...fields, gsi1pk: `PLANS#${plan.status}`, gsi1sk: `${plan.createdAt}#${plan.id}` };
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

  async list({ status, limit, cursor }) {
    const byStatus = (value: Plan['status'], from: string | undefined) =>
      queryPage(
        { IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': `PLANS#${value}` }, ScanIndexForward: false, Limit: limit },
        from,
        toPlan,
      );
    if (status !== undefined) return byStatus(status, cursor);
    // Without a status: both small partitions, first page of each (a plan-schedule is a handful a year).
    const [drafts, approved] = await Promise.all([byStatus('draft', undefined), byStatus('approved', undefined)]);
    return { items: [...drafts.items, ...approved.items] };
  },
};
