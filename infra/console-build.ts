import { join } from 'node:path';
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
