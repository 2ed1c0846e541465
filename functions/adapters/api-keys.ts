import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { principalOf, type Principal } from '#domain/access/roles.ts';
import { acceptsKey, hashApiKey, type ApiClient } from '#domain/clients/api-client.ts';
import { dynamo, tableName } from './dynamo.ts';
import { apiKeyIndexKey, clientKey } from './table-keys.ts';

export { hashApiKey, newApiKey } from '#domain/clients/api-client.ts';

/**
 * The authorizer's look-up: key → hash → index → client, which must be active and hold the
 * hash. Reads only (two GetItems), and imports nothing of the write path, so the authorizer
 * bundle stays small.
 */
export async function findPrincipalByKey(key: string, now: Date): Promise<Principal | undefined> {
  const hash = hashApiKey(key);
  const { Item: index } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: apiKeyIndexKey(hash) }));
  if (index === undefined || typeof index.clientId !== 'string') return undefined;
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: clientKey(index.clientId), ConsistentRead: true }),
  );
  const client = Item as ApiClient | undefined;
  if (client === undefined || !acceptsKey(client, hash, now.toISOString())) return undefined;
  return principalOf(client.id, client.role, client.bodyId);
}
