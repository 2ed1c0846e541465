import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { isDeepStrictEqual } from 'node:util';
import type { Acceptance } from '#domain/acceptance/acceptance.ts';
import type { Plan } from '#domain/plans/plan.ts';
import { dynamo, isConditionFailure, tableName } from './dynamo.ts';
import { acceptanceIndexKeys, planIndexKeys } from './table-keys.ts';
import { INDEX_ATTRIBUTES } from './versioned-item.ts';

/**
 * Index attributes recomputed from an item's own fields, for the entities whose listings gained
 * an index after items were written (acceptances: the overdue listings; plans: all plans in one
 * listing). Every other item is left as it is.
 */
const INDEX_KEYS: Readonly<Record<string, (item: Record<string, unknown>) => Record<string, string>>> = {
  Acceptance: (item) => acceptanceIndexKeys(item as unknown as Acceptance),
  Plan: (item) => planIndexKeys(item as unknown as Plan),
};
// The pending marks belong to the effects, never to a listing: a rewrite keeps them as they are.
const LISTING_ATTRIBUTES = INDEX_ATTRIBUTES.filter((name) => !name.startsWith('pending'));

/** The item with its index attributes as its adapter writes them today, or undefined if they already are. */
export function reindexed(item: Record<string, unknown>): Record<string, unknown> | undefined {
  const keysOf = typeof item.entity === 'string' ? INDEX_KEYS[item.entity] : undefined;
  if (keysOf === undefined) return undefined;
  const keys = keysOf(item);
  const next: Record<string, unknown> = Object.fromEntries(Object.entries(item).filter(([name]) => !LISTING_ATTRIBUTES.includes(name) || name in keys));
  Object.assign(next, keys);
  return isDeepStrictEqual(next, item) ? undefined : next;
}

/**
 * Scans the table and rewrites each item whose index attributes are out of date, conditional on
 * the version read (a command that wrote meanwhile wrote the current keys itself). Safe to run
 * again: a second run finds nothing to do. Returns the items rewritten.
 */
export async function reindexTable(): Promise<number> {
  let rewritten = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(new ScanCommand({ TableName: tableName(), ExclusiveStartKey: startKey }));
    for (const item of page.Items ?? []) {
      const next = reindexed(item);
      if (next === undefined) continue;
      try {
        await dynamo().send(
          new PutCommand({
            TableName: tableName(),
            Item: next,
            ConditionExpression: 'version = :read',
            ExpressionAttributeValues: { ':read': item.version },
          }),
        );
        rewritten += 1;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return rewritten;
}
