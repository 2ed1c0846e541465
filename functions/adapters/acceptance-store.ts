import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Acceptance } from '#domain/acceptance/acceptance.ts';
import type { AcceptanceQuery, AcceptanceStore } from '#domain/acceptance/acceptance-store.ts';
import { dynamo, tableName } from './dynamo.ts';
import { queryPage } from './pagination.ts';
import { commitNew, commitNext, withoutStorageFields } from './versioned-item.ts';

/**
 * Acceptances: `ACCEPTANCE#<id>` / `ACCEPTANCE`; listed per body on gsi1 and all together on
 * gsi2, both sorted `<status>#<openedAt>#<id>` so a status filter is a key prefix. Their documents
 * are in the documents bucket (document-store.ts): the composition root adds them to the functions
 * that read or write documents, so no other function's bundle carries the S3 client.
 */
export const acceptanceKey = (id: string) => ({ pk: `ACCEPTANCE#${id}`, sk: 'ACCEPTANCE' });

const indexKeys = (state: Acceptance) => {
  const sortKey = `${state.status}#${state.openedAt}#${state.id}`;
  return { gsi1pk: `ACCEPTANCES#${state.bodyId}`, gsi1sk: sortKey, gsi2pk: 'ACCEPTANCES', gsi2sk: sortKey };
};

export const toAcceptance = (item: Record<string, unknown>): Acceptance => withoutStorageFields(item) as unknown as Acceptance;

const stateOf = (state: Acceptance) => {
  const { version: _version, ...rest } = state;
  return { entity: 'Acceptance', ...rest, ...indexKeys(state) };
};

export const dynamoAcceptanceStore: Omit<AcceptanceStore, 'putDocument' | 'getDocument'> = {
  async get(id) {
    const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: acceptanceKey(id), ConsistentRead: true }));
    return Item === undefined ? undefined : toAcceptance(Item);
  },

  create: (state, events, messages) => commitNew({ key: acceptanceKey(state.id), state: stateOf(state), events, outbox: messages }),

  async save(state, expectedVersion, events, messages) {
    await commitNext({ key: acceptanceKey(state.id), expectedVersion, state: stateOf(state), events, outbox: messages });
  },

  list(query: AcceptanceQuery) {
    const byBody = query.bodyId !== undefined;
    const [pkName, skName] = byBody ? ['gsi1pk', 'gsi1sk'] : ['gsi2pk', 'gsi2sk'];
    return queryPage(
        {
          IndexName: byBody ? 'gsi1' : 'gsi2',
          KeyConditionExpression: `${pkName} = :pk${query.status === undefined ? '' : ` AND begins_with(${skName}, :status)`}`,
          ...(query.overdueAt === undefined ? {} : { FilterExpression: 'nextDueAt < :now' }),
          ExpressionAttributeValues: {
            ':pk': byBody ? `ACCEPTANCES#${query.bodyId}` : 'ACCEPTANCES',
            ...(query.status === undefined ? {} : { ':status': `${query.status}#` }),
            ...(query.overdueAt === undefined ? {} : { ':now': query.overdueAt }),
          },
          Limit: query.limit,
        },
      query.cursor,
      toAcceptance,
    );
  },
};
