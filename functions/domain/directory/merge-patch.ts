/** How deep a patch may nest: the mutable fields of a body are two levels deep. */
export const MAX_PATCH_DEPTH = 8;

/** The nesting depth of a JSON value (bounded: stops counting past `limit`). */
export function depthOf(value: unknown, limit = MAX_PATCH_DEPTH + 1): number {
  if (typeof value !== 'object' || value === null || limit <= 0) return 0;
  let deepest = 0;
  for (const child of Object.values(value)) deepest = Math.max(deepest, depthOf(child, limit - 1));
  return 1 + deepest;
}

/** RFC 7396 JSON Merge Patch: objects merge, null removes, anything else replaces. */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const result: Record<string, unknown> =
    typeof target === 'object' && target !== null && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(result[key], value);
  }
  return result;
}
