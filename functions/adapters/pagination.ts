import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { InvalidInputError } from '#domain/errors.ts';
import { dynamo, tableName } from './dynamo.ts';
import { definedMembers } from '#domain/defined-members.ts';

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
  return { items: (page.Items ?? []).map(map), ...definedMembers({ nextCursor }) };
}

/** An inclusive range of sort-key values within one partition of an index. */
export interface KeyRange {
  low: string;
  high: string;
}

export interface RangesQuery {
  IndexName: string;
  partitionKey: { name: string; value: string };
  sortKey: string;
  Limit: number;
  /** false: each range read newest (highest key) first; give the ranges in the order to read them. */
  ScanIndexForward?: boolean;
}

/** A cursor at the start of range i (the page before ended exactly where range i-1 did). */
const RANGE_CURSOR = 'range';

/**
 * One page over consecutive sort-key ranges of one partition, read in order, each through its
 * key condition (no FilterExpression, so DynamoDB's Limit counts only what is returned): a page
 * that finishes one range goes on into the next, so a page is short only at the very end. The
 * cursor is the last key read, which names its range by its sort key.
 */
export async function queryRangesPage<T>(
  query: RangesQuery,
  ranges: readonly KeyRange[],
  cursor: string | undefined,
  map: (item: Record<string, unknown>) => T,
): Promise<Page<T>> {
  let startKey = decodeCursor(cursor);
  let at = 0;
  if (startKey !== undefined) {
    const rangeStart = startKey[RANGE_CURSOR];
    const sk = startKey[query.sortKey];
    if (typeof rangeStart === 'string' && Object.keys(startKey).length === 1) {
      at = Number(rangeStart);
      startKey = undefined;
    } else {
      at = startKey[query.partitionKey.name] === query.partitionKey.value ? ranges.findIndex((range) => typeof sk === 'string' && range.low <= sk && sk <= range.high) : -1;
    }
    if (!Number.isInteger(at) || at < 0 || at >= ranges.length) {
      throw new InvalidInputError([{ field: 'query.cursor', message: 'not a cursor this API returned for this query' }]);
    }
  }
  const items: T[] = [];
  while (at < ranges.length && items.length < query.Limit) {
    const range = ranges[at] as KeyRange;
    const page = await withCursorCheck(cursor, () =>
      dynamo().send(
        new QueryCommand({
          TableName: tableName(),
          IndexName: query.IndexName,
          KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :low AND :high',
          ExpressionAttributeNames: { '#pk': query.partitionKey.name, '#sk': query.sortKey },
          ExpressionAttributeValues: { ':pk': query.partitionKey.value, ':low': range.low, ':high': range.high },
          Limit: query.Limit - items.length,
          ScanIndexForward: query.ScanIndexForward,
          ExclusiveStartKey: startKey,
        }),
      ),
    );
    items.push(...(page.Items ?? []).map(map));
    startKey = page.LastEvaluatedKey;
    if (startKey === undefined) at += 1;
  }
  const nextCursor = startKey !== undefined ? encodeCursor(startKey) : at < ranges.length ? encodeCursor({ [RANGE_CURSOR]: String(at) }) : undefined;
  return { items, ...definedMembers({ nextCursor }) };
}

/** Every item of a Query, page by page as they arrive: memory is one page, whatever the partition holds. */
export async function* queryEach(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): AsyncGenerator<Record<string, unknown>> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(new QueryCommand({ ...input, TableName: tableName(), ExclusiveStartKey: startKey }));
    yield* page.Items ?? [];
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
}

/** Every item a Query matches, page after page (for small partitions: one body, one document). */
export async function queryAll(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for await (const item of queryEach(input)) items.push(item);
  return items;
}
