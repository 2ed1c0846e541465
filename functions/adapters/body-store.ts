import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Body } from '#domain/directory/body.ts';
import type { BodyStore } from '#domain/directory/body-store.ts';
import { ConcurrentUpdateError } from '#domain/errors.ts';
import { systemClock } from './clock.ts';
import { dynamo, tableName } from './dynamo.ts';
import { decodeCursor, encodeCursor, withCursorCheck } from './pagination.ts';
import { finishAfterCommit } from './pending-work.ts';
import { sesMailer } from './ses-mailer.ts';
import { putVersioned, withoutStorageFields } from './versioned-item.ts';

/**
 * Bodies: `BODY#<id>` / `BODY`, listed by kind on gsi1 (`BODIES#<kind>`) and all together on
 * gsi2 (`BODIES`), both sorted by Russian name then id.
 */
export const bodyKey = (id: string) => ({ pk: `BODY#${id}`, sk: 'BODY' });

const indexKeys = (body: Body) => {
  const sortKey = `${body.names.ru.toLocaleLowerCase('ru')}#${body.id}`;
  return { gsi1pk: `BODIES#${body.kind}`, gsi1sk: sortKey, gsi2pk: 'BODIES', gsi2sk: sortKey };
};

const toBody = (item: Record<string, unknown>): Body => withoutStorageFields(item) as unknown as Body;

async function write(body: Body, expectedVersion: number, event: Parameters<BodyStore['create']>[1], carried?: Record<string, unknown>) {
  const item = await putVersioned({
    key: bodyKey(body.id),
    expectedVersion,
    state: { entity: 'Body', ...body, ...indexKeys(body) },
    events: [event],
    ...(carried === undefined ? {} : { carried }),
    at: event.at,
  });
  await finishAfterCommit(item, sesMailer, systemClock);
  return item;
}

export const dynamoBodyStore: BodyStore = {
  async get(id) {
    const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: bodyKey(id), ConsistentRead: true }));
    return Item === undefined ? undefined : toBody(Item);
  },

  async list({ kind, limit, cursor }) {
    const page = await withCursorCheck(cursor, () => dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: kind === undefined ? 'gsi2' : 'gsi1',
        KeyConditionExpression: kind === undefined ? 'gsi2pk = :pk' : 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': kind === undefined ? 'BODIES' : `BODIES#${kind}` },
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor),
      }),
    ));
    const nextCursor = encodeCursor(page.LastEvaluatedKey);
    return { items: (page.Items ?? []).map(toBody), ...(nextCursor === undefined ? {} : { nextCursor }) };
  },

  async create(body, event) {
    try {
      await write(body, 0, event);
      return true;
    } catch (error) {
      if (error instanceof ConcurrentUpdateError) return false;
      throw error;
    }
  },

  async update(body, expectedVersion, event) {
    const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: bodyKey(body.id), ConsistentRead: true }));
    await write(body, expectedVersion, event, Item);
    return body;
  },
};
