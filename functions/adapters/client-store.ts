import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ApiClient } from '#domain/clients/api-client.ts';
import type { ClientStore } from '#domain/clients/client-store.ts';
import { ConcurrentUpdateError } from '#domain/errors.ts';
import type { DomainEvent } from '#domain/ports.ts';
import { systemClock } from './clock.ts';
import { dynamo, tableName } from './dynamo.ts';
import { decodeCursor, encodeCursor, withCursorCheck } from './pagination.ts';
import { finishAfterCommit } from './pending-work.ts';
import { sesMailer } from './ses-mailer.ts';
import { putVersioned, withoutStorageFields } from './versioned-item.ts';

/**
 * Clients: `CLIENT#<id>` / `CLIENT` (the one source of truth: status and key hashes), listed on
 * gsi1 (`CLIENTS`). `APIKEY#<hash>` items only map a hash to a client id; they are written before
 * the client, so a crash leaves at most an entry that points at nothing and authenticates nobody.
 */
export const clientKey = (id: string) => ({ pk: `CLIENT#${id}`, sk: 'CLIENT' });
const keyIndexKey = (hash: string) => ({ pk: `APIKEY#${hash}`, sk: 'APIKEY' });

const toClient = (item: Record<string, unknown>): ApiClient => withoutStorageFields(item) as unknown as ApiClient;

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

async function write(client: ApiClient, expectedVersion: number, event: DomainEvent, carried?: Record<string, unknown>) {
  const item = await putVersioned({
    key: clientKey(client.id),
    expectedVersion,
    state: { entity: 'ApiClient', ...client, gsi1pk: 'CLIENTS', gsi1sk: `${client.createdAt}#${client.id}` },
    events: [event],
    ...(carried === undefined ? {} : { carried }),
    at: event.at,
  });
  await finishAfterCommit(item, sesMailer, systemClock);
}

async function get(id: string): Promise<ApiClient | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: clientKey(id), ConsistentRead: true }));
  return Item === undefined ? undefined : toClient(Item);
}

export const dynamoClientStore: ClientStore = {
  get,

  async list({ limit, cursor }) {
    const page = await withCursorCheck(cursor, () =>
      dynamo().send(
        new QueryCommand({
          TableName: tableName(),
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': 'CLIENTS' },
          Limit: limit,
          ExclusiveStartKey: decodeCursor(cursor),
        }),
      ),
    );
    const nextCursor = encodeCursor(page.LastEvaluatedKey);
    return { items: (page.Items ?? []).map(toClient), ...(nextCursor === undefined ? {} : { nextCursor }) };
  },

  async findByKeyHash(hash) {
    const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: keyIndexKey(hash) }));
    if (Item === undefined || typeof Item.clientId !== 'string') return undefined;
    return get(Item.clientId);
  },

  async create(client, event) {
    await indexKeys(client);
    try {
      await write(client, 0, event);
      return true;
    } catch (error) {
      if (error instanceof ConcurrentUpdateError) return false;
      throw error;
    }
  },

  async update(client, expectedVersion, event) {
    await indexKeys(client);
    const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: clientKey(client.id), ConsistentRead: true }));
    await write(client, expectedVersion, event, Item);
    return client;
  },
};
