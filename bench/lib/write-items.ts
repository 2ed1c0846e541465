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
        const result: { UnprocessedItems?: Record<string, unknown[]> } = await client.send(
          new BatchWriteCommand({ RequestItems: { [tableName]: request as never } }),
        );
        request = result.UnprocessedItems?.[tableName];
      }
    }
  };
  await Promise.all(Array.from({ length: writers }, writer));
}
