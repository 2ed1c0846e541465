import type * as z from 'zod';
import type { FieldIssue } from './errors.ts';
import { fieldErrors } from './field-errors.ts';

/**
 * A push of items (§13 appeals, §16 stage events) is checked item by item: a bad item becomes
 * its own field errors and never holds back the others.
 */

/** A sender's clock may run a little ahead of ours; an instant further in the future is refused. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** `items[3]`: how a batch names its items' fields (`items[3].occurredAt`). */
export const batchItemField = (index: number): string => `items[${index}]`;

/** Each item against `schema`: valid as `{ index, [key]: value }`, else its errors prefixed by `fieldOf(index)`. */
export function parseBatchItems<T, K extends string>(
  schema: z.ZodType<T>,
  key: K,
  items: readonly unknown[],
  fieldOf: (index: number) => string = batchItemField,
): (({ index: number } & Record<K, T>) | { index: number; errors: FieldIssue[] })[] {
  return items.map((item, index) => {
    const result = schema.safeParse(item);
    return result.success ? ({ index, [key]: result.data } as { index: number } & Record<K, T>) : { index, errors: fieldErrors(fieldOf(index), result.error) };
  });
}
