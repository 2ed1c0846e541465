import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Role } from '#domain/access/roles.ts';
import { hashApiKey, type ApiClient } from '#domain/clients/api-client.ts';
import { dynamo, tableName } from './dynamo.ts';
import { apiKeyIndexKey, clientIndexKeys, clientKey } from './table-keys.ts';

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
    new PutCommand({ TableName: tableName(), Item: { ...apiKeyIndexKey(hash), entity: 'ApiKeyIndex', clientId: client.id, createdAt: at } }),
  );
  const record: ApiClient = { ...client, status: 'active', keys: [{ hash, createdAt: at }], version: 1, createdAt: at, createdBy: 'bootstrap' };
  await dynamo().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...clientKey(client.id), entity: 'ApiClient', ...record, ...clientIndexKeys(record) },
    }),
  );
}
