import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { bundleAll, lambdaEntries } from '#infra/bundle-functions.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /**
     * Every function's bundle, built once per test run with the deployed esbuild options:
     * `<dir>/<bundleDirName(entry)>/index.mjs` (+ .map), and esbuild's metafile at `<dir>/metafile.json`.
     */
    prebuiltBundlesDir: string;
  }
}

export const METAFILE = 'metafile.json';

/**
 * Vitest globalSetup of the infra tests (vitest.config.ts, project `infra`): bundles every
 * handler module once, in one esbuild run, into a temp dir that the CDK app takes as prebuilt
 * bundles (PREBUILT_BUNDLES_CONTEXT) and the budget test measures. Only a run with infra tests
 * pays for it.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'ucc-bundles-'));
  const t0 = performance.now();
  const metafile = await bundleAll(lambdaEntries().map((fn) => fn.entry), dir);
  await writeFile(join(dir, METAFILE), JSON.stringify(metafile));
  process.stdout.write(`bundled ${lambdaEntries().length} functions in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  project.provide('prebuiltBundlesDir', dir);
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
