import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Acceptance } from '#domain/acceptance/acceptance.ts';
import type { AcceptanceQuery, AcceptanceStore } from '#domain/acceptance/acceptance-port.ts';
import { dynamo, tableName } from './dynamo.ts';
import { queryPage, queryRangesPage } from './pagination.ts';
import { acceptanceDuePartition, acceptanceIndexKeys, acceptanceKey, acceptanceListPartition, overdueRange, statusPrefix } from './table-keys.ts';
import { commitNew, commitNext, withoutStorageFields } from './versioned-item.ts';

/**
 * Acceptances (key layouts in table-keys.ts): listed per body on gsi1 and all together on gsi2,
 * sorted by status so a status filter is a key prefix. While one has an open deadline it is also
 * in two sparse listings by its next due time, per body on gsi3 and all together on `due`, so
 * "overdue" is a key range. Their documents are in the documents bucket (document-store.ts): the
 * composition root adds them to the functions that read or write documents, so no other
 * function's bundle carries the S3 client.
 */

export const toAcceptance = (item: Record<string, unknown>): Acceptance => withoutStorageFields(item) as unknown as Acceptance;

const stateOf = (state: Acceptance) => {
  const { version: _version, ...rest } = state;
  return { entity: 'Acceptance', ...rest, ...acceptanceIndexKeys(state) };
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
    if (query.overdueAt !== undefined) {
      return queryRangesPage(
        {
          IndexName: byBody ? 'gsi3' : 'due',
          partitionKey: { name: byBody ? 'gsi3pk' : 'duePk', value: acceptanceDuePartition(query.bodyId) },
          sortKey: byBody ? 'gsi3sk' : 'dueSk',
          Limit: query.limit,
        },
        [overdueRange(query.overdueAt)],
        query.cursor,
        toAcceptance,
      );
    }
    const [pkName, skName] = byBody ? ['gsi1pk', 'gsi1sk'] : ['gsi2pk', 'gsi2sk'];
    return queryPage(
      {
        IndexName: byBody ? 'gsi1' : 'gsi2',
        KeyConditionExpression: `${pkName} = :pk${query.status === undefined ? '' : ` AND begins_with(${skName}, :status)`}`,
        ExpressionAttributeValues: {
          ':pk': acceptanceListPartition(query.bodyId),
          ...(query.status === undefined ? {} : { ':status': statusPrefix(query.status) }),
        },
        Limit: query.limit,
      },
      query.cursor,
      toAcceptance,
    );
  },
};
