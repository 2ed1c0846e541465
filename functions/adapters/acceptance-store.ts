import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Acceptance } from '#domain/acceptance/acceptance.ts';
import type { AcceptanceQuery, AcceptanceStore } from '#domain/acceptance/acceptance-store.ts';
import { dynamo, tableName } from './dynamo.ts';
import { queryPage, queryRangesPage } from './pagination.ts';
import { commitNew, commitNext, withoutStorageFields } from './versioned-item.ts';

/**
 * Acceptances: `ACCEPTANCE#<id>` / `ACCEPTANCE`; listed per body on gsi1 and all together on
 * gsi2, both sorted `<status>#<openedAt>#<id>` so a status filter is a key prefix. While one has
 * an open deadline it is also in two sparse listings by its next due time, `<nextDueAt>#<id>`:
 * per body on gsi3 (`ACCEPTANCES_DUE#<bodyId>`) and all together on `due` (`ACCEPTANCES_DUE`,
 * a partition of its own beside the deadlines'), so "overdue" is a key range. Their documents
 * are in the documents bucket (document-store.ts): the composition root adds them to the functions
 * that read or write documents, so no other function's bundle carries the S3 client.
 */
export const acceptanceKey = (id: string) => ({ pk: `ACCEPTANCE#${id}`, sk: 'ACCEPTANCE' });
const DUE_PARTITION = 'ACCEPTANCES_DUE';

export const acceptanceIndexKeys = (state: Pick<Acceptance, 'id' | 'bodyId' | 'status' | 'openedAt' | 'nextDueAt'>) => {
  const sortKey = `${state.status}#${state.openedAt}#${state.id}`;
  const due = state.nextDueAt === undefined ? undefined : `${state.nextDueAt}#${state.id}`;
  return {
    gsi1pk: `ACCEPTANCES#${state.bodyId}`,
    gsi1sk: sortKey,
    gsi2pk: 'ACCEPTANCES',
    gsi2sk: sortKey,
    ...(due === undefined ? {} : { gsi3pk: `${DUE_PARTITION}#${state.bodyId}`, gsi3sk: due, duePk: DUE_PARTITION, dueSk: due }),
  };
};

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
      // Next due times start with a digit; the '#<id>' suffix keeps a key at exactly now out.
      return queryRangesPage(
        {
          IndexName: byBody ? 'gsi3' : 'due',
          partitionKey: byBody ? { name: 'gsi3pk', value: `${DUE_PARTITION}#${query.bodyId}` } : { name: 'duePk', value: DUE_PARTITION },
          sortKey: byBody ? 'gsi3sk' : 'dueSk',
          Limit: query.limit,
        },
        [{ low: '0', high: query.overdueAt }],
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
          ':pk': byBody ? `ACCEPTANCES#${query.bodyId}` : 'ACCEPTANCES',
          ...(query.status === undefined ? {} : { ':status': `${query.status}#` }),
        },
        Limit: query.limit,
      },
      query.cursor,
      toAcceptance,
    );
  },
};
