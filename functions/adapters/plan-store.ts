import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ConcurrentUpdateError } from '#domain/errors.ts';
import type { Plan } from '#domain/plans/plan.ts';
import type { PlanStore } from '#domain/plans/plan-store.ts';
import type { DomainEvent } from '#domain/ports.ts';
import { systemClock } from './clock.ts';
import { dynamo, tableName } from './dynamo.ts';
import { decodeCursor, encodeCursor, withCursorCheck } from './pagination.ts';
import { finishAfterCommit } from './pending-work.ts';
import { sesMailer } from './ses-mailer.ts';
import { putVersioned, withoutStorageFields } from './versioned-item.ts';

/** Plans: `PLAN#<id>` / `PLAN`, listed by status on gsi1 (`PLANS#<status>`), newest first. */
const planKey = (id: string) => ({ pk: `PLAN#${id}`, sk: 'PLAN' });
const toPlan = (item: Record<string, unknown>) => withoutStorageFields(item) as unknown as Plan;

async function write(plan: Plan, expectedVersion: number, event: DomainEvent, carried?: Record<string, unknown>) {
  const { version: _version, ...rest } = plan;
  const item = await putVersioned({
    key: planKey(plan.id),
    expectedVersion,
    state: { entity: 'Plan', ...rest, gsi1pk: `PLANS#${plan.status}`, gsi1sk: `${plan.createdAt}#${plan.id}` },
    events: [event],
    ...(carried === undefined ? {} : { carried }),
    at: event.at,
  });
  await finishAfterCommit(item, sesMailer, systemClock);
}

export const dynamoPlanStore: PlanStore = {
  async get(id) {
    const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: planKey(id), ConsistentRead: true }));
    return Item === undefined ? undefined : toPlan(Item);
  },
  async create(plan, event) {
    try {
      await write(plan, 0, event);
      return true;
    } catch (error) {
      if (error instanceof ConcurrentUpdateError) return false;
      throw error;
    }
  },
  async save(plan, expectedVersion, event) {
    const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: planKey(plan.id), ConsistentRead: true }));
    await write(plan, expectedVersion, event, Item);
  },
  async list({ status, limit, cursor }) {
    const statuses = status === undefined ? (['draft', 'approved'] as const) : [status];
    // Two small partitions at most; a plan-schedule is a handful of documents a year.
    const items: Plan[] = [];
    let nextCursor: string | undefined;
    for (const value of statuses) {
      const page = await withCursorCheck(cursor, () =>
        dynamo().send(
          new QueryCommand({
            TableName: tableName(),
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :pk',
            ExpressionAttributeValues: { ':pk': `PLANS#${value}` },
            ScanIndexForward: false,
            Limit: limit,
            ...(statuses.length === 1 ? { ExclusiveStartKey: decodeCursor(cursor) } : {}),
          }),
        ),
      );
      items.push(...(page.Items ?? []).map(toPlan));
      if (statuses.length === 1) nextCursor = encodeCursor(page.LastEvaluatedKey);
    }
    return { items, ...(nextCursor === undefined ? {} : { nextCursor }) };
  },
};
