import {
  BatchWriteItemCommand,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
  type AttributeValue,
  type DynamoDBClient,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { TABLE_INDEXES, TABLE_KEYS } from '#infra/table-definition.ts';

/**
 * Repairs dynalite's indexes after the local stack was killed (not stopped). dynalite writes an
 * item's index entries first and the item after them, in separate LevelDB writes: a kill in
 * between leaves an index that disagrees with its table. Found by the crash-injection suite: a
 * commit's entries listed an item state never written, and an effect's clearing write removed
 * the item's `pending` entry but not its pending marks — work no feeder or re-drive would find.
 * Amazon DynamoDB keeps indexes consistent with their table; this puts the local store back in
 * that state before any feeder, job or request reads it.
 *
 * 1. Each index entry whose item is gone, or whose item does not carry that index key, is
 *    removed: the entry is put back as the item for a moment (dynalite then knows the entry as
 *    the item's) and the true item put over it (or the stand-in deleted), which drops the entry.
 * 2. Every item is written again as it is, which (re)writes each of its index entries.
 */
export async function repairIndexes(client: DynamoDBClient, tableName: string): Promise<{ staleEntries: number; items: number }> {
  const keyOf = (item: Record<string, AttributeValue>) => ({
    [TABLE_KEYS.partitionKey]: item[TABLE_KEYS.partitionKey]!,
    [TABLE_KEYS.sortKey]: item[TABLE_KEYS.sortKey]!,
  });
  const sameString = (a: AttributeValue | undefined, b: AttributeValue | undefined) => a?.S !== undefined && a.S === b?.S;
  let staleEntries = 0;
  for (const index of TABLE_INDEXES) {
    for (const entry of await scanAll(client, tableName, index.name)) {
      const { Item: item } = await client.send(new GetItemCommand({ TableName: tableName, Key: keyOf(entry), ConsistentRead: true }));
      if (item !== undefined && sameString(item[index.partitionKey], entry[index.partitionKey]) && sameString(item[index.sortKey], entry[index.sortKey])) continue;
      staleEntries += 1;
      await client.send(new PutItemCommand({ TableName: tableName, Item: entry }));
      if (item === undefined) await client.send(new DeleteItemCommand({ TableName: tableName, Key: keyOf(entry) }));
      else await client.send(new PutItemCommand({ TableName: tableName, Item: item }));
    }
  }
  const items = await scanAll(client, tableName);
  for (let i = 0; i < items.length; i += 25) {
    let requests: WriteRequest[] = items.slice(i, i + 25).map((item) => ({ PutRequest: { Item: item } }));
    while (requests.length > 0) {
      const { UnprocessedItems } = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: requests } }));
      requests = UnprocessedItems?.[tableName] ?? [];
    }
  }
  return { staleEntries, items: items.length };
}

/** Every item of the table, or every entry of one of its indexes, page by page. */
export async function scanAll(client: DynamoDBClient, tableName: string, indexName?: string): Promise<Record<string, AttributeValue>[]> {
  const items: Record<string, AttributeValue>[] = [];
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: tableName, ...(indexName === undefined ? {} : { IndexName: indexName }), ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return items;
}
