import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ApiClient } from '#domain/clients/api-client.ts';
import type { ClientStore } from '#domain/clients/client-port.ts';
import { dynamo, tableName } from './dynamo.ts';
import { queryPage } from './pagination.ts';
import { apiKeyIndexKey, clientIndexKeys, clientKey, clientListPartition } from './table-keys.ts';
import { commitNew, commitNext, withoutStorageFields } from './versioned-item.ts';

/**
 * Clients (key layouts in table-keys.ts): the client's item is the one source of truth (status and
 * key hashes), listed on gsi1. The key-hash index items only map a hash to a client id; they are
 * written before the client, so a crash leaves at most an entry that points at nothing and
 * authenticates nobody.
 */

const toClient = (item: Record<string, unknown>): ApiClient => withoutStorageFields(item) as unknown as ApiClient;

const stateOf = (client: ApiClient) => {
  const { version: _version, ...fields } = client;
  return { entity: 'ApiClient', ...fields, ...clientIndexKeys(client) };
};

async function indexKeys(client: ApiClient): Promise<void> {
  for (const key of client.keys) {
    await dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...apiKeyIndexKey(key.hash), entity: 'ApiKeyIndex', clientId: client.id, createdAt: key.createdAt },
      }),
    );
  }
}

async function get(id: string): Promise<ApiClient | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: clientKey(id), ConsistentRead: true }));
  return Item === undefined ? undefined : toClient(Item);
}

export const dynamoClientStore: ClientStore = {
  get,

  list: ({ limit, cursor }) =>
    queryPage(
      { IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': clientListPartition() }, Limit: limit },
      cursor,
      toClient,
    ),

  async findByKeyHash(hash) {
    const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: apiKeyIndexKey(hash) }));
    if (Item === undefined || typeof Item.clientId !== 'string') return undefined;
    return get(Item.clientId);
  },

  async create(client, event) {
    await indexKeys(client);
    return commitNew({ key: clientKey(client.id), state: stateOf(client), events: [event], at: event.at });
  },

  async update(client, expectedVersion, event) {
    await indexKeys(client);
    await commitNext({ key: clientKey(client.id), expectedVersion, state: stateOf(client), events: [event], at: event.at });
    return client;
  },
};
