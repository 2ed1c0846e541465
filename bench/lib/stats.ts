/** Small numeric helpers shared by suites. */

/** Nearest-rank percentile (p in 0..100) of already sorted values; NaN when empty. */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export function median(values: readonly number[]): number {
  return percentileSorted(Float64Array.from(values).sort(), 50);
}

/** Rounds to `digits` decimals (for tables and JSON); keeps NaN/Infinity as they are. */
export function round(value: number, digits = 2): number {
  if (!Number.isFinite(value)) return value;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export function ratio(numerator: number, denominator: number, digits = 2): number {
  return denominator === 0 ? Number.NaN : round(numerator / denominator, digits);
}
