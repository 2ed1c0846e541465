import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIGURES_FILE_ENV, SEED_ENV } from './figures.ts';

/**
 * `npm run test:reliability`: the reliability suite on its full seed (issue 17), then its
 * figures, one per line. Extra arguments go to vitest (e.g. one file). Exits as vitest did.
 * RELIABILITY_FIGURES_FILE=<file> keeps the figures in that file as well (emptied first).
 */
const kept = process.env[FIGURES_FILE_ENV];
const directory = kept === undefined || kept === '' ? mkdtempSync(join(tmpdir(), 'ucc-reliability-')) : undefined;
const file = directory === undefined ? (kept as string) : join(directory, 'figures.txt');
writeFileSync(file, '');
const files = process.argv.slice(2);
const run = spawnSync('npx', ['vitest', 'run', '--project', 'app', ...(files.length > 0 ? files : ['test/reliability'])], {
  stdio: 'inherit',
  env: { ...process.env, [SEED_ENV]: process.env[SEED_ENV] ?? 'full', [FIGURES_FILE_ENV]: file },
});
let figures = '';
try {
  figures = readFileSync(file, 'utf8');
} catch {
  figures = '';
}
process.stdout.write(`\nReliability figures (${process.env[SEED_ENV] ?? 'full'} seed):\n${figures}`);
if (directory !== undefined) rmSync(directory, { recursive: true, force: true });
process.exit(run.status ?? 1);
