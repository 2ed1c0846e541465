import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { InformationRequest } from '#domain/requests/information-request.ts';
import type { InformationRequestQuery, InformationRequestStore } from '#domain/requests/request-store.ts';
import { dynamoAcceptanceStore } from './acceptance-store.ts';
import { dynamo, tableName } from './dynamo.ts';
import { queryPage } from './pagination.ts';
import { commitNew, commitNext, withoutStorageFields } from './versioned-item.ts';

/**
 * Information requests (§10): `REQUEST#<id>` / `REQUEST`; listed per body on gsi1 and all
 * together on gsi2, both sorted `<status>#<askedAt>#<id>` so a status filter is a key prefix.
 * Their documents share the acceptances' content-addressed `DOC#<sha256>` items.
 */
export const informationRequestKey = (id: string) => ({ pk: `REQUEST#${id}`, sk: 'REQUEST' });

const indexKeys = (state: InformationRequest) => {
  const sortKey = `${state.status}#${state.askedAt}#${state.id}`;
  return { gsi1pk: `REQUESTS#${state.bodyId}`, gsi1sk: sortKey, gsi2pk: 'REQUESTS', gsi2sk: sortKey };
};

export const toInformationRequest = (item: Record<string, unknown>): InformationRequest =>
  withoutStorageFields(item) as unknown as InformationRequest;

const stateOf = (state: InformationRequest) => {
  const { version: _version, ...rest } = state;
  return { entity: 'InformationRequest', ...rest, ...indexKeys(state) };
};

export const dynamoInformationRequestStore: InformationRequestStore = {
  async get(id) {
    const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: informationRequestKey(id), ConsistentRead: true }));
    return Item === undefined ? undefined : toInformationRequest(Item);
  },

  create: (state, events, messages) => commitNew({ key: informationRequestKey(state.id), state: stateOf(state), events, outbox: messages }),

  async save(state, expectedVersion, events, messages) {
    await commitNext({ key: informationRequestKey(state.id), expectedVersion, state: stateOf(state), events, outbox: messages });
  },

  list(query: InformationRequestQuery) {
    const byBody = query.bodyId !== undefined;
    const [pkName, skName] = byBody ? ['gsi1pk', 'gsi1sk'] : ['gsi2pk', 'gsi2sk'];
    return queryPage(
      {
        IndexName: byBody ? 'gsi1' : 'gsi2',
        KeyConditionExpression: `${pkName} = :pk${query.status === undefined ? '' : ` AND begins_with(${skName}, :status)`}`,
        ExpressionAttributeValues: {
          ':pk': byBody ? `REQUESTS#${query.bodyId}` : 'REQUESTS',
          ...(query.status === undefined ? {} : { ':status': `${query.status}#` }),
        },
        ScanIndexForward: false,
        Limit: query.limit,
      },
      query.cursor,
      toInformationRequest,
    );
  },

  putDocument: (bytes, meta) => dynamoAcceptanceStore.putDocument(bytes, meta),
};
