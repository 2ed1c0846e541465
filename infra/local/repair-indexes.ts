import {
  BatchWriteItemCommand,
  DeleteItemCommand,
  PutItemCommand,
  ScanCommand,
  type AttributeValue,
  type DynamoDBClient,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { TABLE_INDEXES, TABLE_KEYS } from '#infra/table-definition.ts';

/** What a repair found: index entries removed, index entries an item lacked, items rewritten. */
export interface IndexRepair {
  staleEntries: number;
  missingEntries: number;
  items: number;
}

/**
 * Repairs dynalite's indexes after the local stack was killed (not stopped). dynalite writes an
 * item's index entries first and the item after them, in separate LevelDB writes: a kill in
 * between leaves an index that disagrees with its table. Found by the crash-injection suite: a
 * commit's entries listed an item state never written, and an effect's clearing write removed
 * the item's `pending` entry but not its pending marks — work no feeder or re-drive would find.
 * Amazon DynamoDB keeps indexes consistent with their table; this puts the local store back in
 * that state before any feeder, job or request reads it.
 *
 * The table and every index are read first (nothing else reads or writes while the stack
 * starts), so the counts say what the kill left, not what one repair undid of another's fault:
 *
 * 1. Each index entry whose item is gone, or whose item does not carry that index key, is
 *    removed (a stale entry): the entry is put back as the item for a moment (dynalite then knows
 *    the entry as the item's) and the true item put over it (or the stand-in deleted), which drops
 *    the entry — and every other entry of that stand-in, in any index.
 * 2. Every item is written again as it is, which (re)writes each of its index entries: those an
 *    item carries the keys of but its index lacks (a missing entry), and outdated copies.
 */
export async function repairIndexes(client: DynamoDBClient, tableName: string): Promise<IndexRepair> {
  const keyOf = (item: Record<string, AttributeValue>) => ({
    [TABLE_KEYS.partitionKey]: item[TABLE_KEYS.partitionKey]!,
    [TABLE_KEYS.sortKey]: item[TABLE_KEYS.sortKey]!,
  });
  const idOf = (item: Record<string, AttributeValue>) => JSON.stringify([item[TABLE_KEYS.partitionKey]?.S, item[TABLE_KEYS.sortKey]?.S]);
  const sameString = (a: AttributeValue | undefined, b: AttributeValue | undefined) => a?.S !== undefined && a.S === b?.S;
  const items = await scanAll(client, tableName);
  const byId = new Map(items.map((item) => [idOf(item), item]));
  const stale: Record<string, AttributeValue>[] = [];
  let missingEntries = 0;
  for (const index of TABLE_INDEXES) {
    const listed = new Set<string>();
    for (const entry of await scanAll(client, tableName, index.name)) {
      const item = byId.get(idOf(entry));
      if (item !== undefined && sameString(item[index.partitionKey], entry[index.partitionKey]) && sameString(item[index.sortKey], entry[index.sortKey])) listed.add(idOf(entry));
      else stale.push(entry);
    }
    missingEntries += items.filter((item) => item[index.partitionKey]?.S !== undefined && item[index.sortKey]?.S !== undefined && !listed.has(idOf(item))).length;
  }
  for (const entry of stale) {
    const item = byId.get(idOf(entry));
    await client.send(new PutItemCommand({ TableName: tableName, Item: entry }));
    if (item === undefined) await client.send(new DeleteItemCommand({ TableName: tableName, Key: keyOf(entry) }));
    else await client.send(new PutItemCommand({ TableName: tableName, Item: item }));
  }
  for (let i = 0; i < items.length; i += 25) {
    let requests: WriteRequest[] = items.slice(i, i + 25).map((item) => ({ PutRequest: { Item: item } }));
    while (requests.length > 0) {
      const { UnprocessedItems } = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: requests } }));
      requests = UnprocessedItems?.[tableName] ?? [];
    }
  }
  return { staleEntries: stale.length, missingEntries, items: items.length };
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
