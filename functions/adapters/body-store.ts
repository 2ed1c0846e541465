import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Body } from '#domain/directory/body.ts';
import type { BodyStore } from '#domain/directory/body-port.ts';
import { dynamo, tableName } from './dynamo.ts';
import { queryPage } from './pagination.ts';
import { bodyIndexKeys, bodyKey, bodyListPartition } from './table-keys.ts';
import { commitNew, commitNext, withoutStorageFields } from './versioned-item.ts';

/** Bodies (key layouts in table-keys.ts): listed by kind on gsi1 and all together on gsi2, by Russian name. */
const stateOf = (body: Body) => {
  const { version: _version, ...fields } = body;
  return { entity: 'Body', ...fields, ...bodyIndexKeys(body) };
};

export const toBody = (item: Record<string, unknown>): Body => withoutStorageFields(item) as unknown as Body;

export const dynamoBodyStore: BodyStore = {
  async get(id) {
    const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: bodyKey(id), ConsistentRead: true }));
    return Item === undefined ? undefined : toBody(Item);
  },

  list({ kind, limit, cursor }) {
    return queryPage(
      {
        IndexName: kind === undefined ? 'gsi2' : 'gsi1',
        KeyConditionExpression: kind === undefined ? 'gsi2pk = :pk' : 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': bodyListPartition(kind) },
        Limit: limit,
      },
      cursor,
      toBody,
    );
  },

  create: (body, event) => commitNew({ key: bodyKey(body.id), state: stateOf(body), events: [event], at: event.at }),

  async update(body, expectedVersion, event) {
    await commitNext({ key: bodyKey(body.id), expectedVersion, state: stateOf(body), events: [event], at: event.at });
    return body;
  },
};
