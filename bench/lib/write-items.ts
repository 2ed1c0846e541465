import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Items straight into the table, 25 a BatchWriteItem, a few writers at once, unprocessed ones sent again. */
export async function writeItems(client: DynamoDBDocumentClient, tableName: string, items: readonly Record<string, unknown>[], writers = 8): Promise<void> {
  let next = 0;
  const writer = async () => {
    while (next < items.length) {
      const batch = items.slice(next, next + 25);
      next += 25;
      let request: unknown[] | undefined = batch.map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; request !== undefined && request.length > 0; attempt += 1) {
        if (attempt >= 10) throw new Error('BatchWriteItem kept returning unprocessed items');
        const result: { UnprocessedItems?: Record<string, unknown[]> | undefined } = await client.send(
          new BatchWriteCommand({ RequestItems: { [tableName]: request as never } }),
        );
        request = result.UnprocessedItems?.[tableName];
      }
    }
  };
  await Promise.all(Array.from({ length: writers }, writer));
}

/** What a series of timed raw writes did: items, milliseconds, and items/s per round. */
export interface WriteTally {
  items: number;
  ms: number;
  byRound: number[];
}

export const newWriteTally = (): WriteTally => ({ items: 0, ms: 0, byRound: [] });

/** writeItems, timed into the tally: the raw baseline an ingestion bench compares with. */
export async function timedWriteItems(client: DynamoDBDocumentClient, tableName: string, items: readonly Record<string, unknown>[], writers: number, tally: WriteTally): Promise<void> {
  const t0 = performance.now();
  await writeItems(client, tableName, items, writers);
  const ms = performance.now() - t0;
  tally.items += items.length;
  tally.ms += ms;
  tally.byRound.push(Math.round(items.length / (ms / 1000)));
}
