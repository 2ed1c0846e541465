import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { REPO_ROOT } from '#infra/bundle-functions.ts';
import { buildConsole } from '#infra/console-build.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Debian's Chromium, installed by infra/scripts/ensure-chromium.sh where missing. */
    chromiumPath: string;
    /** The console built from its sources for this run (vite build into a temporary directory). */
    consoleDir: string;
  }
}

/**
 * Vitest globalSetup of the browser project: installs Chromium where missing (CI is a fresh
 * machine) and builds the console once per run, so the tests drive what the sources say now.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const script = join(REPO_ROOT, 'infra/scripts/ensure-chromium.sh');
  const output = execFileSync('bash', [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 600_000 });
  const chromiumPath = output.trim().split('\n').at(-1) ?? '';
  const consoleDir = await buildConsole(mkdtempSync(join(tmpdir(), 'ucc-console-')));
  project.provide('chromiumPath', chromiumPath);
  project.provide('consoleDir', consoleDir);
  return () => rmSync(consoleDir, { recursive: true, force: true });
}
