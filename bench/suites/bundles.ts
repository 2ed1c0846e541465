import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { ROUTES } from '#http/routes.ts';
import { SCHEDULES } from '#jobs/schedules.ts';
import { REPO_ROOT } from '#infra/local/handlers.ts';
import { median, ratio, round } from '../lib/stats.ts';
import type { Row, Suite } from '../lib/types.ts';

/**
 * Every Lambda bundle as deployed (esbuild options of infra/bundling.ts, AWS SDK inside):
 * its size, and the time a fresh node process spends in `await import(bundle)`, measured inside
 * the child so process start-up is excluded, against importing an empty ESM module.
 */
const RUNS = 5;
const ESM_REQUIRE_BANNER = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/** Runs in the child: the ESM loader is already up when the timed import starts. */
const MEASURE_SCRIPT = `
const url = process.argv[2];
const t0 = performance.now();
try {
  await import(url);
} catch (error) {
  process.stdout.write(JSON.stringify({ error: String(error?.stack ?? error) }));
  process.exit(1);
}
const ms = performance.now() - t0;
process.stdout.write(JSON.stringify({ ms }));
`;

interface Target {
  readonly kind: 'baseline' | 'route' | 'authorizer' | 'schedule';
  readonly name: string;
  readonly entry: string | null;
  file: string;
  kib: number;
  buildMs: number;
  env: Record<string, string>;
  readonly samples: number[];
}

function measureImport(script: string, file: string, extraEnv: Record<string, string>): Promise<{ ms: number } | { error: string }> {
  // A minimal environment: nothing of this process (the health suite sets TABLE_NAME and endpoints).
  const env = { PATH: process.env.PATH ?? '', ...extraEnv };
  return new Promise((resolvePromise, reject) => {
    execFile(process.execPath, [script, pathToFileURL(file).href], { env, timeout: 30_000, maxBuffer: 1 << 20 }, (error, stdout) => {
      try {
        const parsed = JSON.parse(stdout) as { ms?: number; error?: string };
        if (typeof parsed.ms === 'number') resolvePromise({ ms: parsed.ms });
        else resolvePromise({ error: parsed.error ?? 'no result' });
      } catch {
        reject(error ?? new Error(`unexpected child output: ${stdout.slice(0, 300)}`));
      }
    });
  });
}

export const bundlesSuite: Suite = {
  name: 'bundles',
  description: `esbuild bundle size and in-process cold import time (median of ${RUNS} fresh node processes) vs an empty ESM module`,
  async run() {
    // Loaded here, not at the top: handler modules read POWERTOOLS_LOG_LEVEL when first imported.
    const { AUTHORIZER_ENTRY } = await import('#infra/local/http-server.ts');
    const dir = await mkdtemp(join(tmpdir(), 'ucc-bench-bundles-'));
    try {
      const script = join(dir, 'measure-import.mjs');
      await writeFile(script, MEASURE_SCRIPT);
      const emptyFile = join(dir, 'empty.mjs');
      await writeFile(emptyFile, 'export {};\n');

      const target = (kind: Target['kind'], name: string, entry: string | null): Target => ({
        kind, name, entry, file: entry === null ? emptyFile : '', kib: 0, buildMs: 0, env: {}, samples: [],
      });
      const targets: Target[] = [
        target('baseline', '(empty ESM module)', null),
        ...ROUTES.map((route) => target('route', route.name, route.entry)),
        target('authorizer', 'authorize', AUTHORIZER_ENTRY),
        ...SCHEDULES.map((schedule) => target('schedule', schedule.name, schedule.entry)),
      ];

      for (const target of targets) {
        if (target.entry === null) continue;
        target.file = join(dir, `${target.kind}-${target.name}.mjs`);
        const t0 = performance.now();
        await build({
          absWorkingDir: REPO_ROOT,
          entryPoints: [resolve(REPO_ROOT, target.entry)],
          outfile: target.file,
          bundle: true,
          platform: 'node',
          format: 'esm',
          target: 'node22',
          minify: true,
          mainFields: ['module', 'main'],
          banner: { js: ESM_REQUIRE_BANNER },
          logLevel: 'error',
        });
        target.buildMs = performance.now() - t0;
        target.kib = (await stat(target.file)).size / 1024;
      }

      // One unrecorded import each (page cache; tells whether the module needs env to load).
      for (const target of targets) {
        let first = await measureImport(script, target.file, target.env);
        if ('error' in first) {
          target.env = { TABLE_NAME: 'bench' };
          first = await measureImport(script, target.file, target.env);
        }
        if ('error' in first) throw new Error(`Importing ${target.entry ?? target.name} failed:\n${first.error}`);
      }
      // Interleaved rounds, so machine noise spreads over all targets alike.
      for (let round = 0; round < RUNS; round += 1) {
        for (const target of targets) {
          const result = await measureImport(script, target.file, target.env);
          if ('error' in result) throw new Error(`Importing ${target.entry ?? target.name} failed:\n${result.error}`);
          target.samples.push(result.ms);
        }
      }

      const emptyMs = median(targets[0]?.samples ?? []);
      return targets.map((target): Row => {
        const importMs = median(target.samples);
        return {
          function: target.name,
          kind: target.kind,
          entry: target.entry ?? '-',
          KiB: round(target.kib, 1),
          'build ms': round(target.buildMs, 0),
          'import ms p50': round(importMs, 2),
          'min ms': round(Math.min(...target.samples), 2),
          'max ms': round(Math.max(...target.samples), 2),
          'x empty': ratio(importMs, emptyMs, 1),
          'child env': Object.keys(target.env).length === 0 ? '(none)' : Object.entries(target.env).map(([k, v]) => `${k}=${v}`).join(' '),
        };
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
