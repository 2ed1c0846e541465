import { createHash, randomBytes } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Principal, Role } from '#commons/roles.ts';
import { dynamo, tableName } from './dynamo.ts';

/**
 * API keys are stored only as SHA-256 hashes (the key itself is 256 random bits, so a fast hash
 * is enough). The key item is looked up by hash on every authorization.
 */
export const hashApiKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

export const newApiKey = (): string => `ucc_${randomBytes(32).toString('base64url')}`;

export const apiKeyItemKey = (hash: string) => ({ pk: `APIKEY#${hash}`, sk: 'APIKEY' });

export interface ApiKeyRecord {
  clientId: string;
  role: Role;
  bodyId?: string;
  revokedAt?: string;
}

export async function findPrincipalByKey(key: string): Promise<Principal | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: apiKeyItemKey(hashApiKey(key)) }));
  const record = Item as (ApiKeyRecord & { entity?: string }) | undefined;
  if (record === undefined || record.entity !== 'ApiKey' || record.revokedAt !== undefined) return undefined;
  return { clientId: record.clientId, role: record.role, ...(record.bodyId ? { bodyId: record.bodyId } : {}) };
}

/** Stores a key's hash for a client; overwriting the same hash is harmless (same key, same client). */
export async function putApiKey(key: string, record: ApiKeyRecord, createdAt: string): Promise<void> {
  await dynamo().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...apiKeyItemKey(hashApiKey(key)), entity: 'ApiKey', ...record, createdAt },
    }),
  );
}
