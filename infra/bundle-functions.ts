import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, buildSync, type BuildOptions, type Metafile, type OutputFile } from 'esbuild';
import { EFFECTS_FUNCTION } from '#effects/stream-consumer.ts';
import { AUTHORIZER_ENTRY, METHOD_NOT_ALLOWED_ENTRY, ROUTES } from '#http/routes.ts';
import { ONE_TIME_TARGETS, SCHEDULES } from '#jobs/schedules.ts';

/**
 * How a Lambda handler module becomes its deployed bundle: one esbuild options object for the
 * CDK app (infra/bundling.ts), the test run's bundles (test/support/global-setup.ts) and the
 * bench, so they cannot drift. No CDK import here: the test setup and the bench load it cheaply.
 */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The esbuild target of the Lambda runtime (LAMBDA_RUNTIME in infra/bundling.ts): change both together. */
export const ESBUILD_TARGET = 'node22';

/** ESM needs `require` for the CommonJS parts of bundled dependencies. */
export const ESM_REQUIRE_BANNER = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/** The file Lambda loads (handler `index.handler`); its source map is `index.mjs.map` beside it. */
export const BUNDLE_FILE = 'index.mjs';

export const ESBUILD_OPTIONS = {
  absWorkingDir: REPO_ROOT,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: ESBUILD_TARGET,
  mainFields: ['module', 'main'],
  banner: { js: ESM_REQUIRE_BANNER },
  // The AWS SDK goes inside: the pinned version, and faster to import than from node_modules.
  external: [],
  minify: true,
  sourcemap: true,
  logLevel: 'warning',
} as const satisfies BuildOptions;

/** NODE_OPTIONS of every function: stack traces through the bundled source maps. */
export const LAMBDA_NODE_OPTIONS = '--enable-source-maps';

/**
 * Where esbuild is told it writes (write: false; the files are then put where asked). The source
 * map names sources relative to it (`../functions/…`), so a bundle is the same bytes wherever it
 * lands: in cdk.out, in a test run's temp dir, on any machine.
 */
const NOMINAL_OUTFILE = join(REPO_ROOT, 'bundle', BUNDLE_FILE);

const buildOptionsOf = (entry: string, metafile: boolean) =>
  ({ ...ESBUILD_OPTIONS, entryPoints: [resolve(REPO_ROOT, entry)], outfile: NOMINAL_OUTFILE, write: false, metafile }) satisfies BuildOptions;

const outputsIn = (outDir: string, files: readonly OutputFile[]) => files.map((file) => ({ path: join(outDir, basename(file.path)), contents: file.contents }));

/** Bundles one handler module (relative to the repository root) into outDir/index.mjs (+ .map). */
export async function bundleEntry(entry: string, outDir: string, options: { metafile?: boolean } = {}): Promise<Metafile | undefined> {
  const result = await build(buildOptionsOf(entry, options.metafile ?? false));
  await mkdir(outDir, { recursive: true });
  await Promise.all(outputsIn(outDir, result.outputFiles).map((file) => writeFile(file.path, file.contents)));
  return result.metafile;
}

/** bundleEntry for CDK's synchronous local bundling (ILocalBundling.tryBundle). */
export function bundleEntrySync(entry: string, outDir: string): void {
  const result = buildSync(buildOptionsOf(entry, false));
  mkdirSync(outDir, { recursive: true });
  for (const file of outputsIn(outDir, result.outputFiles)) writeFileSync(file.path, file.contents);
}

export interface LambdaEntry {
  readonly kind: 'route' | 'default-route' | 'authorizer' | 'job' | 'one-time' | 'effects';
  /** The function's name in its manifest (route, schedule, one-time target), unique across kinds. */
  readonly name: string;
  readonly entry: string;
}

/** Every Lambda function of the app with its handler module, from the three manifests. */
export function lambdaEntries(): LambdaEntry[] {
  return [
    ...ROUTES.map((route) => ({ kind: 'route' as const, name: route.name, entry: route.entry })),
    { kind: 'default-route', name: 'method-not-allowed', entry: METHOD_NOT_ALLOWED_ENTRY },
    { kind: 'authorizer', name: 'authorize', entry: AUTHORIZER_ENTRY },
    ...SCHEDULES.map((schedule) => ({ kind: 'job' as const, name: schedule.name, entry: schedule.entry })),
    ...ONE_TIME_TARGETS.map((target) => ({ kind: 'one-time' as const, name: target.name, entry: target.entry })),
    { kind: 'effects', name: EFFECTS_FUNCTION.name, entry: EFFECTS_FUNCTION.entry },
  ];
}

/** The directory of an entry's bundle under a bundles directory: `functions/http/get-plan.ts` → `functions-http-get-plan`. */
export const bundleDirName = (entry: string): string => entry.replace(/\.[cm]?[jt]s$/, '').replace(/[^a-zA-Z0-9_-]+/g, '-');
