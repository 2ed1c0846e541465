import { appendFileSync } from 'node:fs';

/**
 * The reliability suite's seed and figures (issue 17). `npm run test:reliability` runs the full
 * seed and prints every figure, one per line; `npm test` runs the short seed (CI's time budget)
 * and asserts the same properties.
 */
export const FIGURES_FILE_ENV = 'RELIABILITY_FIGURES_FILE';
export const SEED_ENV = 'RELIABILITY_SEED';

export const fullSeed = (): boolean => process.env[SEED_ENV] === 'full';

/** `full` in `npm run test:reliability`, `short` in `npm test`. */
export const sized = <T>(short: T, full: T): T => (fullSeed() ? full : short);

/** The fast-check seed: fixed, so a failure reproduces; overridable to explore (RELIABILITY_FC_SEED). */
export const propertySeed = (): number => Number(process.env.RELIABILITY_FC_SEED ?? 1717);

/** Records one figure (a line `name: value`) for the runner to print; a no-op outside it. */
export function figure(name: string, value: number | string, unit = ''): void {
  const file = process.env[FIGURES_FILE_ENV];
  if (file === undefined || file === '') return;
  appendFileSync(file, `${name}: ${value}${unit === '' ? '' : ` ${unit}`}\n`);
}

/** The p-th percentile (0–100) of a list of numbers, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

/** A seeded PRNG (mulberry32) in [0, 1): a failing run replays the same choices. */
export const seededRandom = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
