import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, buildSync, type BuildOptions, type Metafile, type OutputFile } from 'esbuild';
import { EFFECTS_FUNCTION } from '#effects/stream-consumer.ts';
import { MAIL_SENT_FUNCTION } from '#effects/mail-sent-event.ts';
import { AUTHORIZER_ENTRY, METHOD_NOT_ALLOWED_ENTRY, ROUTES, type RouteAsset } from '#http/routes.ts';
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
  // Positions and names only: a stack trace needs no source text (the map shrinks ~3×).
  sourcesContent: false,
  logLevel: 'warning',
} as const satisfies BuildOptions;

/**
 * NODE_OPTIONS of every function. Kept: stack traces through the source maps, without which a
 * minified bundle's traces name only `index.mjs:1:<column>`. Measured (npm run bench -- bundles,
 * Node 20, 70 bundles, medians of 10, two runs): with maps of positions only (sourcesContent: false,
 * ~880 KiB) it adds 16-17 ms (+11-13%) to a cold import (34 ms, +20%, with the sources inside), and
 * the first stack formatted in an instance takes 88-114 ms instead of ~3 ms (the map is decoded then, once):
 * paid by a request that failed already, against readable traces of every failure.
 */
export const LAMBDA_NODE_OPTIONS = '--enable-source-maps';

/**
 * Where esbuild is told it writes (write: false; the files are then put where asked): the source
 * map names sources relative to it (`../../functions/…`), so a bundle is the same bytes wherever
 * it lands (cdk.out, a test run's temp dir, any machine), built alone or with all the others.
 */
const NOMINAL_ROOT = join(REPO_ROOT, '.bundles');

const outputsUnder = (outDir: string, files: readonly OutputFile[]) =>
  files.map((file) => ({ path: join(outDir, relative(NOMINAL_ROOT, file.path)), contents: file.contents }));

/** Bundles one handler module (relative to the repository root) into outDir/index.mjs (+ .map): CDK's local bundling. */
export function bundleEntrySync(entry: string, outDir: string): void {
  const result = buildSync({
    ...ESBUILD_OPTIONS,
    entryPoints: [resolve(REPO_ROOT, entry)],
    outfile: join(NOMINAL_ROOT, bundleDirName(entry), BUNDLE_FILE),
    write: false,
  });
  mkdirSync(outDir, { recursive: true });
  for (const file of result.outputFiles) writeFileSync(join(outDir, basename(file.path)), file.contents);
  for (const asset of assetsOf(entry)) copyFileSync(resolve(REPO_ROOT, asset.from), join(outDir, asset.to));
}

/** The files a route's handler reads at run time (RouteDefinition.assets), copied beside its bundle. */
export const assetsOf = (entry: string): readonly RouteAsset[] => ROUTES.find((route) => route.entry === entry)?.assets ?? [];

/**
 * Bundles every handler module at once into outDir/<bundleDirName(entry)>/index.mjs (+ .map), the
 * same bytes bundleEntrySync gives each (esbuild shares the parsing between entries). Returns
 * esbuild's metafile: what each bundle carries (outputOf).
 */
export async function bundleAll(entries: readonly string[], outDir: string): Promise<Metafile> {
  const unique = [...new Set(entries)];
  const result = await build({
    ...ESBUILD_OPTIONS,
    entryPoints: Object.fromEntries(unique.map((entry) => [`${bundleDirName(entry)}/index`, resolve(REPO_ROOT, entry)])),
    outdir: NOMINAL_ROOT,
    outExtension: { '.js': '.mjs' },
    write: false,
    metafile: true,
  });
  const files = outputsUnder(outDir, result.outputFiles);
  await Promise.all([...new Set(files.map((file) => dirname(file.path)))].map((dir) => mkdir(dir, { recursive: true })));
  await Promise.all(files.map((file) => writeFile(file.path, file.contents)));
  await Promise.all(
    unique.flatMap((entry) => assetsOf(entry).map((asset) => copyFile(resolve(REPO_ROOT, asset.from), join(outDir, bundleDirName(entry), asset.to)))),
  );
  return result.metafile;
}

/** The metafile's record of one entry's bundle: its bytes by input module. */
export const outputOf = (metafile: Metafile, entry: string): Metafile['outputs'][string] | undefined =>
  metafile.outputs[relative(REPO_ROOT, join(NOMINAL_ROOT, bundleDirName(entry), BUNDLE_FILE))];

export interface LambdaEntry {
  readonly kind: 'route' | 'default-route' | 'authorizer' | 'job' | 'one-time' | 'effects' | 'mail-sent';
  /** The function's name in its manifest (route, schedule, one-time target), unique across kinds. */
  readonly name: string;
  readonly entry: string;
  /** A route's use of the documents bucket (RouteDefinition.documents). */
  readonly documents?: 'read' | 'write';
}

/** Every Lambda function of the app with its handler module, from the manifests. */
export function lambdaEntries(): LambdaEntry[] {
  return [
    ...ROUTES.map((route) => ({ kind: 'route' as const, name: route.name, entry: route.entry, ...(route.documents === undefined ? {} : { documents: route.documents }) })),
    { kind: 'default-route', name: 'method-not-allowed', entry: METHOD_NOT_ALLOWED_ENTRY },
    { kind: 'authorizer', name: 'authorize', entry: AUTHORIZER_ENTRY },
    ...SCHEDULES.map((schedule) => ({ kind: 'job' as const, name: schedule.name, entry: schedule.entry })),
    ...ONE_TIME_TARGETS.map((target) => ({ kind: 'one-time' as const, name: target.name, entry: target.entry })),
    { kind: 'effects', name: EFFECTS_FUNCTION.name, entry: EFFECTS_FUNCTION.entry },
    { kind: 'mail-sent', name: MAIL_SENT_FUNCTION.name, entry: MAIL_SENT_FUNCTION.entry },
  ];
}

/** The directory of an entry's bundle under a bundles directory: `functions/http/get-plan.ts` → `functions-http-get-plan`. */
export const bundleDirName = (entry: string): string => entry.replace(/\.[cm]?[jt]s$/, '').replace(/[^a-zA-Z0-9_-]+/g, '-');
