/** JSON with every object's members sorted: equal values give equal text whatever the member order (stores return attributes in no fixed order). */
export function canonicalJson(value: unknown): string {
  const sorted = (inner: unknown): unknown =>
    Array.isArray(inner)
      ? inner.map(sorted)
      : typeof inner === 'object' && inner !== null
        ? Object.fromEntries(Object.keys(inner).sort().map((key) => [key, sorted((inner as Record<string, unknown>)[key])]))
        : inner;
  return JSON.stringify(sorted(value)) ?? 'undefined';
}
