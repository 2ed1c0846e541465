/**
 * What a Lambda bundle may weigh (minified index.mjs, source map not counted) and how long its
 * cold import may take against an empty ESM module. test/infra/bundle-budgets.test.ts fails the
 * build on a bundle over its size budget; `npm run bench -- bundles` prints both for every function.
 */
export const DEFAULT_BUNDLE_BUDGET_KIB = 300;

/** Cold import (median of fresh processes, see bench/suites/bundles.ts) at most this many times an empty module's. */
export const IMPORT_BUDGET_RATIO = 12;

/**
 * Functions allowed more than the default, by function name (lambdaEntries()), each with the
 * measured reason. Raising one is a reviewed decision, like an acknowledgement.
 */
export const BUNDLE_BUDGETS_KIB: Readonly<Record<string, { readonly kib: number; readonly reason: string }>> = {};

export const bundleBudgetKib = (functionName: string): number => BUNDLE_BUDGETS_KIB[functionName]?.kib ?? DEFAULT_BUNDLE_BUDGET_KIB;
