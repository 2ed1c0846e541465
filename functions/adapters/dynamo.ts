import { ConditionalCheckFailedException, DynamoDBClient, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { BatchGetCommand, BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getConfig } from '#commons/config.ts';

let documentClient: DynamoDBDocumentClient | undefined;

/** One DocumentClient per process (reused across invocations), endpoint from config. */
export function dynamo(): DynamoDBDocumentClient {
  if (documentClient === undefined) {
    const config = getConfig();
    const client = new DynamoDBClient({
      region: config.AWS_REGION,
      ...(config.DYNAMODB_ENDPOINT === undefined
        ? {}
        : { endpoint: config.DYNAMODB_ENDPOINT, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
    });
    documentClient = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    });
  }
  return documentClient;
}

export const tableName = (): string => getConfig().TABLE_NAME;

/** A conditional write was refused (the item is not in the state the condition required). */
export const isConditionFailure = (error: unknown): boolean =>
  error instanceof ConditionalCheckFailedException || (error as Error | undefined)?.name === 'ConditionalCheckFailedException';

/**
 * The item a refused conditional write found (with ReturnValuesOnConditionCheckFailure:
 * ALL_OLD), unmarshalled; undefined where the store does not return it (dynalite) or none existed.
 */
export const conditionFailureItem = (error: unknown): Record<string, unknown> | undefined => {
  const item = (error as { Item?: Record<string, AttributeValue> } | undefined)?.Item;
  return item === undefined ? undefined : unmarshall(item);
};

/** BatchGetItem takes at most 100 keys a call. */
const BATCH_GET_LIMIT = 100;

/**
 * Items by key, strongly consistent, in as few BatchGetItem calls as the keys need (100 each,
 * duplicates asked once); keys handed back unprocessed (throttling, 16 MB) are asked again with
 * a short back-off. Missing items are simply absent from the result.
 */
export async function batchGetItems(keys: readonly Record<string, unknown>[]): Promise<Record<string, unknown>[]> {
  const unique = [...new Map(keys.map((key) => [`${String(key.pk)}\n${String(key.sk)}`, key])).values()];
  const items: Record<string, unknown>[] = [];
  for (let start = 0; start < unique.length; start += BATCH_GET_LIMIT) {
    let pending = unique.slice(start, start + BATCH_GET_LIMIT);
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt > 8) throw new Error('batch read kept returning unprocessed keys');
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(20 * 2 ** attempt, 500)));
      const response = await dynamo().send(new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: pending, ConsistentRead: true } } }));
      items.push(...(response.Responses?.[tableName()] ?? []));
      pending = (response.UnprocessedKeys?.[tableName()]?.Keys ?? []) as Record<string, unknown>[];
    }
  }
  return items;
}

/** BatchWriteItem takes at most 25 items a call. */
const BATCH_WRITE_LIMIT = 25;

/**
 * Puts items (unconditionally: the caller knows none of them is stored, or that overwriting
 * one with itself changes nothing) in as few BatchWriteItem calls as they need (25 each),
 * `writers` calls at a time; items handed back unprocessed (throttling) are sent again with a
 * short back-off. Two items with one key must not be in one call.
 */
export async function batchWriteItems(items: readonly Record<string, unknown>[], writers = 4): Promise<void> {
  const chunks: Record<string, unknown>[][] = [];
  for (let start = 0; start < items.length; start += BATCH_WRITE_LIMIT) chunks.push(items.slice(start, start + BATCH_WRITE_LIMIT));
  const writeChunk = async (chunk: Record<string, unknown>[]) => {
    let pending: unknown[] = chunk.map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt > 8) throw new Error('batch write kept returning unprocessed items');
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(20 * 2 ** attempt, 500)));
      const response = await dynamo().send(new BatchWriteCommand({ RequestItems: { [tableName()]: pending as never } }));
      pending = response.UnprocessedItems?.[tableName()] ?? [];
    }
  };
  let next = 0;
  const writer = async () => {
    while (next < chunks.length) {
      const chunk = chunks[next] as Record<string, unknown>[];
      next += 1;
      await writeChunk(chunk);
    }
  };
  await Promise.all(Array.from({ length: Math.min(writers, chunks.length) }, writer));
}
