import './lib/setup.ts';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { formatTable } from './lib/table.ts';
import type { Row, Table } from './lib/types.ts';
import { SUITES } from './suites/index.ts';
import { stopBenchStack } from './lib/stack.ts';

/**
 * `npm run bench` runs every suite; `npm run bench -- health bundles` runs the named ones.
 * Prints one table per suite and writes all results to bench/results/latest.json.
 */
const RESULTS_DIR = new URL('./results/', import.meta.url);

type SuiteResult =
  | { name: string; description: string; durationMs: number; rows: Row[] }
  | { name: string; description: string; durationMs: number; tables: Table[] }
  | { name: string; description: string; durationMs: number; error: string };

const requested = process.argv.slice(2).filter((arg) => arg !== '--');
const unknown = requested.filter((name) => !SUITES.some((suite) => suite.name === name));
if (unknown.length > 0) {
  console.error(`Unknown suite(s): ${unknown.join(', ')}. Available: ${SUITES.map((suite) => suite.name).join(', ')}`);
  process.exit(2);
}
const selected = requested.length === 0 ? SUITES : SUITES.filter((suite) => requested.includes(suite.name));

const isTables = (output: Row[] | Table[]): output is Table[] =>
  output.length > 0 && output.every((entry) => typeof entry.title === 'string' && Array.isArray(entry.rows));

const load = () => loadavg().map((value) => value.toFixed(2)).join(' ');
const startedAt = new Date();
const environment = {
  node: process.version,
  platform: `${process.platform}-${process.arch}`,
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  loadAvgAtStart: load(),
};
console.log(`node ${environment.node} ${environment.platform}, ${environment.cpus} × ${environment.cpuModel}, load ${environment.loadAvgAtStart}`);

const results: SuiteResult[] = [];
for (const suite of selected) {
  console.log(`\n== ${suite.name}: ${suite.description}`);
  const t0 = performance.now();
  try {
    const output = await suite.run();
    const durationMs = Math.round(performance.now() - t0);
    if (isTables(output)) {
      results.push({ name: suite.name, description: suite.description, durationMs, tables: output });
      console.log(output.map((table) => `-- ${table.title}\n${formatTable(table.rows)}`).join('\n\n'));
    } else {
      results.push({ name: suite.name, description: suite.description, durationMs, rows: output });
      console.log(formatTable(output));
    }
    console.log(`(${(durationMs / 1000).toFixed(1)} s, load ${load()})`);
  } catch (error) {
    const durationMs = Math.round(performance.now() - t0);
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    results.push({ name: suite.name, description: suite.description, durationMs, error: message });
    console.error(`suite ${suite.name} failed after ${(durationMs / 1000).toFixed(1)} s:\n${message}`);
  }
}

await stopBenchStack().catch(() => undefined);
await mkdir(RESULTS_DIR, { recursive: true });
const outFile = new URL('latest.json', RESULTS_DIR);
const report = { startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString(), environment, suites: results };
await writeFile(outFile, `${JSON.stringify(report, null, 2)}\n`);
console.log(`\nwrote ${fileURLToPath(outFile)}`);

// Explicit exit: a suite's leftover keep-alive sockets or timers must not keep the bench alive.
process.exit(results.some((result) => 'error' in result) ? 1 : 0);
