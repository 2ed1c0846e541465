import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Metafile } from 'esbuild';
import { BUNDLE_FILE, LAMBDA_NODE_OPTIONS, bundleAll, bundleDirName, lambdaEntries, outputOf, type LambdaEntry } from '#infra/bundle-functions.ts';
import { IMPORT_BUDGET_RATIO, bundleBudgetOf } from '#infra/bundle-budgets.ts';
import { median, ratio, round } from '../lib/stats.ts';
import type { Row, Suite, Table } from '../lib/types.ts';

/**
 * Every Lambda bundle as deployed (the esbuild options of infra/bundle-functions.ts, AWS SDK
 * inside): its size against its budget (infra/bundle-budgets.ts), what it carries (by package,
 * from esbuild's metafile), and the time a fresh node process spends in `await import(bundle)`,
 * measured inside the child so process start-up is excluded, against importing an empty ESM
 * module. Each import is measured plain and with the functions' NODE_OPTIONS (source maps), and
 * so is the first error: the handler is called with an event that throws on first touch, and that
 * error's (or the handler's own) stack is read: with source maps on, Node decodes the bundle's map then.
 */
const RUNS = 10;
const FLAGGED_OPTIONS = LAMBDA_NODE_OPTIONS.split(' ').filter((option) => option.length > 0);

/** Runs in the child: the ESM loader is already up when the timed import starts. */
const MEASURE_SCRIPT = `
const result = (value) => { process.stdout.write('\\n@@result ' + JSON.stringify(value)); process.exit(value.error ? 1 : 0); };
const t0 = performance.now();
let mod;
try {
  mod = await import(process.argv[2]);
} catch (error) {
  result({ error: String(error?.stack ?? error) });
}
const importMs = performance.now() - t0;
let firstError;
const event = new Proxy({}, { get(_, key) { firstError ??= new Error('first touch of event.' + String(key)); throw firstError; } });
const context = { awsRequestId: 'bench', functionName: 'bench', getRemainingTimeInMillis: () => 10_000 };
const t1 = performance.now();
let thrown;
try {
  await Promise.race([Promise.resolve().then(() => mod.handler(event, context)), new Promise((resolve) => setTimeout(resolve, 3_000))]);
} catch (error) {
  thrown = error;
}
const error = firstError ?? thrown;
const stack = error instanceof Error ? String(error.stack) : undefined;
result({ importMs, firstErrorMs: stack === undefined ? null : performance.now() - t1 });
`;

interface Measurement {
  readonly importMs: number;
  readonly firstErrorMs: number | null;
}

/** Not functions: what the SDK client and zod weigh alone, bundled like a function (bench/floors/). */
const FLOORS = ['dynamodb-document-client', 'zod-classic', 'zod-mini'].map((name) => ({ name, entry: `bench/floors/${name}.ts` }));

interface Target extends Omit<LambdaEntry, 'kind'> {
  readonly kind: LambdaEntry['kind'] | 'floor';
  file: string;
  kib: number;
  mapKib: number;
  carried: [string, number][];
  env: Record<string, string>;
  readonly plain: Measurement[];
  readonly flagged: Measurement[];
}

/** The child's environment: none of this process's, and every AWS endpoint on a closed local port (nothing leaves the machine). */
const CHILD_ENV: Record<string, string> = {
  PATH: process.env.PATH ?? '',
  AWS_REGION: 'eu-central-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_EC2_METADATA_DISABLED: 'true',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  ...Object.fromEntries(['DYNAMODB_ENDPOINT', 'SES_ENDPOINT', 'SCHEDULER_ENDPOINT', 'S3_ENDPOINT'].map((name) => [name, 'http://127.0.0.1:9'])),
};

function measure(script: string, file: string, env: Record<string, string>, flagged: boolean): Promise<Measurement | { error: string }> {
  const args = [...(flagged ? FLAGGED_OPTIONS : []), script, pathToFileURL(file).href];
  return new Promise((resolvePromise, reject) => {
    execFile(process.execPath, args, { env: { ...CHILD_ENV, ...env }, timeout: 30_000, maxBuffer: 4 << 20 }, (error, stdout) => {
      const marker = stdout.lastIndexOf('@@result ');
      if (marker === -1) {
        reject(error ?? new Error(`unexpected child output: ${stdout.slice(0, 300)}`));
        return;
      }
      resolvePromise(JSON.parse(stdout.slice(marker + '@@result '.length)) as Measurement | { error: string });
    });
  });
}

/** Bytes in the output by package (`@aws-sdk/client-s3`, `zod`, …; the app's own modules as `(app)`), largest first. */
function carriedByPackage(output: Metafile['outputs'][string] | undefined): [string, number][] {
  const byPackage = new Map<string, number>();
  for (const [path, input] of Object.entries(output?.inputs ?? {})) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path.slice(path.lastIndexOf('node_modules/')));
    const name = path.includes('node_modules/') && match ? match[1]! : '(app)';
    byPackage.set(name, (byPackage.get(name) ?? 0) + input.bytesInOutput);
  }
  return [...byPackage].sort((a, b) => b[1] - a[1]);
}

const kib = (bytes: number) => round(bytes / 1024, 1);
const p50 = (values: (number | null)[]) => {
  const numbers = values.filter((value): value is number => value !== null);
  return numbers.length === 0 ? null : median(numbers);
};

export const bundlesSuite: Suite = {
  name: 'bundles',
  description:
    `every Lambda bundle: size vs its budget, cold import (median of ${RUNS} fresh node processes) vs an empty ESM module ` +
    `(budget ${IMPORT_BUDGET_RATIO}×), plain and with NODE_OPTIONS=${LAMBDA_NODE_OPTIONS}, and what each carries`,
  async run(): Promise<Table[]> {
    const dir = await mkdtemp(join(tmpdir(), 'ucc-bench-bundles-'));
    try {
      const script = join(dir, 'measure-import.mjs');
      await writeFile(script, MEASURE_SCRIPT);
      const empty: Target = {
        kind: 'route', name: '(empty ESM module)', entry: '-', file: join(dir, 'empty.mjs'), kib: 0, mapKib: 0, carried: [], env: {}, plain: [], flagged: [],
      };
      await writeFile(empty.file, 'export const handler = async () => {};\n');
      const targets: Target[] = [...lambdaEntries(), ...FLOORS.map((floor) => ({ ...floor, kind: 'floor' as const }))].map((entry) => ({
        ...entry, file: '', kib: 0, mapKib: 0, carried: [], env: {}, plain: [], flagged: [],
      }));

      // All at once, as the infra tests build them (one esbuild run); timing comes after.
      const metafile = await bundleAll(targets.map((target) => target.entry), dir);
      for (const target of targets) {
        target.file = join(dir, bundleDirName(target.entry), BUNDLE_FILE);
        target.kib = (await stat(target.file)).size / 1024;
        target.mapKib = (await stat(`${target.file}.map`)).size / 1024;
        target.carried = carriedByPackage(outputOf(metafile, target.entry));
      }

      // One unrecorded import each (page cache; tells whether the module needs env to load).
      for (const target of [empty, ...targets]) {
        let first = await measure(script, target.file, target.env, false);
        if ('error' in first) {
          target.env = { TABLE_NAME: 'bench' };
          first = await measure(script, target.file, target.env, false);
        }
        if ('error' in first) throw new Error(`Importing ${target.entry} failed:\n${first.error}`);
      }
      // Interleaved rounds, so machine noise spreads over all targets and both modes alike.
      for (let round = 0; round < RUNS; round += 1) {
        for (const target of [empty, ...targets]) {
          for (const flagged of [false, true]) {
            const result = await measure(script, target.file, target.env, flagged);
            if ('error' in result) throw new Error(`Importing ${target.entry} failed:\n${result.error}`);
            (flagged ? target.flagged : target.plain).push(result);
          }
        }
      }

      const emptyPlain = median(empty.plain.map((sample) => sample.importMs));
      const emptyFlagged = median(empty.flagged.map((sample) => sample.importMs));
      const budgetRows = targets.map((target): Row => {
        const plainMs = median(target.plain.map((sample) => sample.importMs));
        const flaggedMs = median(target.flagged.map((sample) => sample.importMs));
        const budget = target.kind === 'floor' ? null : bundleBudgetOf({ ...target, kind: target.kind }).kib;
        const over = [
          ...(budget !== null && target.kib > budget ? ['size'] : []),
          ...(flaggedMs / emptyFlagged > IMPORT_BUDGET_RATIO ? ['import'] : []),
        ];
        return {
          function: target.name,
          kind: target.kind,
          KiB: kib(target.kib * 1024),
          'budget KiB': budget,
          'import ms p50': round(plainMs, 2),
          'x empty': ratio(plainMs, emptyPlain, 1),
          'import ms p50 (maps)': round(flaggedMs, 2),
          'x empty (maps)': ratio(flaggedMs, emptyFlagged, 1),
          budget: target.kind === 'floor' ? '(floor)' : over.length === 0 ? 'ok' : `OVER: ${over.join(', ')}`,
          'child env': Object.keys(target.env).length === 0 ? '(none)' : Object.entries(target.env).map(([k, v]) => `${k}=${v}`).join(' '),
        };
      });
      const sourceMapRows = targets.map((target): Row => {
        const plainMs = median(target.plain.map((sample) => sample.importMs));
        const flaggedMs = median(target.flagged.map((sample) => sample.importMs));
        const plainError = p50(target.plain.map((sample) => sample.firstErrorMs));
        const flaggedError = p50(target.flagged.map((sample) => sample.firstErrorMs));
        return {
          function: target.name,
          'map KiB': kib(target.mapKib * 1024),
          'import +ms': round(flaggedMs - plainMs, 2),
          'import +%': round(((flaggedMs - plainMs) / plainMs) * 100, 0),
          'first error ms': plainError === null ? null : round(plainError, 2),
          'first error ms (maps)': flaggedError === null ? null : round(flaggedError, 2),
        };
      });
      const carriedRows = targets.map((target): Row => ({
        function: target.name,
        KiB: kib(target.kib * 1024),
        'largest packages (KiB in output)': target.carried
          .slice(0, 6)
          .map(([name, bytes]) => `${name} ${kib(bytes)}`)
          .join(', '),
      }));
      return [
        { title: `budgets (empty module: ${round(emptyPlain, 2)} ms plain, ${round(emptyFlagged, 2)} ms with ${LAMBDA_NODE_OPTIONS})`, rows: budgetRows },
        { title: `source maps: what ${LAMBDA_NODE_OPTIONS} costs (medians; first error = handler call until its error's stack is read)`, rows: sourceMapRows },
        { title: 'what each bundle carries', rows: carriedRows },
      ];
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
