import type * as z from 'zod';
import type { FieldError } from './problem.ts';

/** `['items', 0, 'bodyId']` under `body` → `body.items[0].bodyId`. */
export function fieldPath(prefix: string, path: readonly PropertyKey[]): string {
  let field = prefix;
  for (const segment of path) {
    field += typeof segment === 'number' ? `[${segment}]` : `${field === '' ? '' : '.'}${String(segment)}`;
  }
  return field;
}

export function fieldErrors(prefix: string, error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({ field: fieldPath(prefix, issue.path), message: issue.message }));
}
