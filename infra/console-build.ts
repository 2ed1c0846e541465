import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './bundle-functions.ts';

/** The console's sources (console/) and where the local stack and the CDK stack take the build from. */
export const CONSOLE_SOURCE_DIR = join(REPO_ROOT, 'console');
export const CONSOLE_DIST_DIR = join(CONSOLE_SOURCE_DIR, 'dist');
/** Where the console is served: the local stack's /console/, CloudFront's /console/* (one base for both). */
export const CONSOLE_BASE_PATH = '/console/';

/**
 * Builds the console with Vite into `outDir` (default console/dist, gitignored): run by `npm start`,
 * `npm run synth` and the browser tests' setup, so a fresh clone never serves a stale build.
 */
export async function buildConsole(outDir: string = CONSOLE_DIST_DIR): Promise<string> {
  const { build } = await import('vite');
  await build({
    root: CONSOLE_SOURCE_DIR,
    base: CONSOLE_BASE_PATH,
    configFile: false,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, sourcemap: false, target: 'es2022' },
  });
  return outDir;
}

/**
 * The same build in a child process: Vite's bundler (rolldown) installs signal-exit handlers in
 * the process that loads it, which turned the local stack's Ctrl-C into exit code 130 before its
 * own shutdown ran. `npm start` builds this way, its process keeps its own signal handling.
 */
export async function buildConsoleInChild(outDir: string): Promise<string> {
  await promisify(execFile)(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'infra/scripts/build-console.ts'), outDir], { cwd: REPO_ROOT, timeout: 120_000 });
  return outDir;
}
