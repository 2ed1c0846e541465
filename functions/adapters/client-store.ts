import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ApiClient } from '#domain/clients/api-client.ts';
import type { ClientStore } from '#domain/clients/client-store.ts';
import { dynamo, tableName } from './dynamo.ts';
import { queryPage } from './pagination.ts';
import { commitNew, commitNext, withoutStorageFields } from './versioned-item.ts';

/**
 * Clients: `CLIENT#<id>` / `CLIENT` (the one source of truth: status and key hashes), listed on
 * gsi1 (`CLIENTS`). `APIKEY#<hash>` items only map a hash to a client id; they are written before
 * the client, so a crash leaves at most an entry that points at nothing and authenticates nobody.
 */
export const clientKey = (id: string) => ({ pk: `CLIENT#${id}`, sk: 'CLIENT' });
const keyIndexKey = (hash: string) => ({ pk: `APIKEY#${hash}`, sk: 'APIKEY' });

const toClient = (item: Record<string, unknown>): ApiClient => withoutStorageFields(item) as unknown as ApiClient;

const stateOf = (client: ApiClient) => {
  const { version: _version, ...fields } = client;
  return { entity: 'ApiClient', ...fields, gsi1pk: 'CLIENTS', gsi1sk: `${client.createdAt}#${client.id}` };
};

async function indexKeys(client: ApiClient): Promise<void> {
  for (const key of client.keys) {
    await dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...keyIndexKey(key.hash), entity: 'ApiKeyIndex', clientId: client.id, createdAt: key.createdAt },
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
      { IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': 'CLIENTS' }, Limit: limit },
      cursor,
      toClient,
    ),

  async findByKeyHash(hash) {
    const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: keyIndexKey(hash) }));
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
