import type * as z from 'zod';

/** A problem with one field of a request, named by where it is. */
export interface FieldError {
  /** Where the problem is: `body.items[0].bodyId`, `query.from`, `path.year`, `header.if-match`. */
  field: string;
  message: string;
}

/** `['items', 0, 'bodyId']` under `body` → `body.items[0].bodyId`. */
export function fieldPath(prefix: string, path: readonly PropertyKey[]): string {
  let field = prefix;
  for (const segment of path) {
    field += typeof segment === 'number' ? `[${segment}]` : `${field === '' ? '' : '.'}${String(segment)}`;
  }
  return field;
}

/** Every issue as the field it names; an unknown member names itself (`body.middleName`), not its object. */
export function fieldErrors(prefix: string, error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ field: fieldPath(prefix, [...issue.path, key]), message: 'is not a member of this request' }))
      : [{ field: fieldPath(prefix, issue.path), message: issue.message }],
  );
}
