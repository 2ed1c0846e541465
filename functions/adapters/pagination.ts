import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { InvalidInputError } from '#domain/errors.ts';
import { dynamo, tableName } from './dynamo.ts';

/** Opaque cursors: the DynamoDB LastEvaluatedKey as base64url JSON. */
export const encodeCursor = (key: Record<string, unknown> | undefined): string | undefined =>
  key === undefined ? undefined : Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

export function decodeCursor(cursor: string | undefined): Record<string, unknown> | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    // Every key attribute of the table is a string: anything else was not made by this API.
    const isKey =
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      Object.keys(value).length > 0 &&
      Object.keys(value).length <= 4 &&
      Object.values(value).every((part) => typeof part === 'string' && part.length <= 1024);
    if (isKey) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new InvalidInputError([{ field: 'query.cursor', message: 'not a cursor this API returned' }]);
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** A cursor that decodes but names another partition makes DynamoDB answer ValidationException. */
export async function withCursorCheck<T>(cursor: string | undefined, query: () => Promise<T>): Promise<T> {
  try {
    return await query();
  } catch (error) {
    if (cursor !== undefined && (error as Error).name === 'ValidationException') {
      throw new InvalidInputError([{ field: 'query.cursor', message: 'not a cursor this API returned for this query' }]);
    }
    throw error;
  }
}

/** One page of a Query, resumed from the caller's cursor, with the cursor for the next. */
export async function queryPage<T>(
  input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>,
  cursor: string | undefined,
  map: (item: Record<string, unknown>) => T,
): Promise<Page<T>> {
  const page = await withCursorCheck(cursor, () =>
    dynamo().send(new QueryCommand({ ...input, TableName: tableName(), ExclusiveStartKey: decodeCursor(cursor) })),
  );
  const nextCursor = encodeCursor(page.LastEvaluatedKey);
  return { items: (page.Items ?? []).map(map), ...(nextCursor === undefined ? {} : { nextCursor }) };
}

/**
 * One page of a Query with a FilterExpression, filled: DynamoDB applies Limit before the filter,
 * so a page can come back short or empty with more to read; this reads on (a few rounds at
 * most) until the page is full or the range ends. The cursor resumes after the last item read.
 */
export async function queryFilledPage<T>(
  input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'> & { Limit: number; FilterExpression: string },
  cursor: string | undefined,
  map: (item: Record<string, unknown>) => T,
  rounds = 8,
): Promise<Page<T>> {
  const items: T[] = [];
  let startKey = decodeCursor(cursor);
  for (let round = 0; round < rounds && items.length < input.Limit; round += 1) {
    const page = await withCursorCheck(cursor, () =>
      dynamo().send(new QueryCommand({ ...input, Limit: input.Limit - items.length, TableName: tableName(), ExclusiveStartKey: startKey })),
    );
    items.push(...(page.Items ?? []).map(map));
    startKey = page.LastEvaluatedKey;
    if (startKey === undefined) break;
  }
  const nextCursor = encodeCursor(startKey);
  return { items, ...(nextCursor === undefined ? {} : { nextCursor }) };
}

/** Every item a Query matches, page after page (for small partitions: one body, one document). */
export async function queryAll(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(new QueryCommand({ ...input, TableName: tableName(), ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return items;
}
