import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/local-stack.ts';
import { dynamo, tableName } from '#adapters/dynamo.ts';
import { ITEM_LIMIT_BYTES, itemSizeBytes, RECORD_LIMIT_BYTES } from '#adapters/item-size.ts';
import { commitNew } from '#adapters/versioned-item.ts';
import { startTestStack } from '../../support/local-stack.ts';

/** An item of about `bytes` by our estimate: Cyrillic text (2 bytes a letter) in a nested map and list. */
function itemOf(id: string, bytes: number): Record<string, unknown> {
  const base = { pk: `SIZE#${id}`, sk: 'SIZE', n: 12345.678, flag: true, nested: { list: ['а', 'б', 1, null], text: '' } };
  const letters = Math.floor((bytes - itemSizeBytes(base)) / 2);
  const item = { ...base, nested: { ...base.nested, text: 'д'.repeat(letters) } };
  return item;
}

describe('itemSizeBytes against Amazon DynamoDB Local’s 400 KB item limit', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => stack?.stop());

  it('never underestimates: an item estimated at the limit is stored, one 1 KB over is refused', async () => {
    const fits = itemOf('fits', ITEM_LIMIT_BYTES - 8);
    expect(itemSizeBytes(fits)).toBeLessThanOrEqual(ITEM_LIMIT_BYTES);
    await dynamo().send(new PutCommand({ TableName: tableName(), Item: fits }));

    const over = itemOf('over', ITEM_LIMIT_BYTES + 1024);
    await expect(dynamo().send(new PutCommand({ TableName: tableName(), Item: over }))).rejects.toThrow(/size/i);
  });

  it('refuses a command whose record would pass the record limit, before writing anything (422 naming the limit)', async () => {
    const state = { payload: 'д'.repeat(RECORD_LIMIT_BYTES / 2) };
    const key = { pk: 'SIZE#command', sk: 'SIZE' };
    await expect(commitNew({ key, state, events: [] })).rejects.toMatchObject({
      name: 'UnprocessableError',
      details: { limitBytes: RECORD_LIMIT_BYTES, sizeBytes: expect.any(Number) },
    });
    expect((await dynamo().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }))).Item).toBeUndefined();
  });
});
