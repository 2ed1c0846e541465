import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Principal, Role } from '#commons/roles.ts';
import { acceptsKey, hashApiKey, type ApiClient } from '#domain/clients/api-client.ts';
import { dynamoClientStore, clientKey } from './client-store.ts';
import { dynamo, tableName } from './dynamo.ts';

export { hashApiKey, newApiKey } from '#domain/clients/api-client.ts';

/** The authorizer's look-up: key → hash → index → client, which must be active and hold the hash. */
export async function findPrincipalByKey(key: string, now: Date): Promise<Principal | undefined> {
  const hash = hashApiKey(key);
  const client = await dynamoClientStore.findByKeyHash(hash);
  if (client === undefined || !acceptsKey(client, hash, now.toISOString())) return undefined;
  return { clientId: client.id, role: client.role, ...(client.bodyId ? { bodyId: client.bodyId } : {}) };
}

/**
 * Bootstrap (local stack, tests, first deployment): makes `id` an active client holding `key`,
 * whatever it was before. Not a use-case of the API: it bypasses versions on purpose.
 */
export async function bootstrapClient(
  key: string,
  client: { id: string; name: string; role: Role; bodyId?: string },
  at: string,
): Promise<void> {
  const hash = hashApiKey(key);
  await dynamo().send(
    new PutCommand({ TableName: tableName(), Item: { pk: `APIKEY#${hash}`, sk: 'APIKEY', entity: 'ApiKeyIndex', clientId: client.id, createdAt: at } }),
  );
  const record: ApiClient = {
    ...client,
    status: 'active',
    keys: [{ hash, createdAt: at }],
    version: 1,
    createdAt: at,
    createdBy: 'bootstrap',
  };
  await dynamo().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...clientKey(client.id), entity: 'ApiClient', ...record, gsi1pk: 'CLIENTS', gsi1sk: `${at}#${client.id}` },
    }),
  );
}
