import { spawn, type ChildProcess } from 'node:child_process';
import { REPO_ROOT } from '#infra/local/handlers.ts';

/**
 * `npm start` as package.json runs it: `node --import tsx infra/local/main.ts`, one process (tsx
 * loads in-process), so Ctrl-C reaches main.ts itself and not a relay that SIGKILLs a child slow
 * to acknowledge (tsx's CLI waits 30 ms: a loaded machine turned a clean stop into exit 130).
 */
const MAIN = ['--import', 'tsx', 'infra/local/main.ts'];

/** `npm start` (infra/local/main.ts) in a process group of its own, as the tests that kill it need. */
export interface RunningStack {
  child: ChildProcess;
  url: string;
  adminKey: string;
  /** Everything it printed so far. */
  output: () => string;
}

/** Launches the local stack on free ports (env overrides them); its output and its exit code as they come. */
export function launchNpmStart(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const { LOCAL_ADMIN_KEY: _ignored, ...inherited } = process.env;
  const child = spawn(process.execPath, MAIN, {
    cwd: REPO_ROOT,
    env: { ...inherited, POWERTOOLS_LOG_LEVEL: 'WARN', PORT: '0', DYNAMODB_PORT: '0', SES_PORT: '0', S3_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, as a terminal gives it: Ctrl-C signals the whole group.
    detached: true,
  });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => text, exited };
}

/** Starts the local stack and waits until it prints its address and key. */
export async function startNpmStart(env: Record<string, string>, timeoutMs = 90_000): Promise<RunningStack> {
  const { child, output } = launchNpmStart(env);
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const text = output();
    const url = /API\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(text)?.[1];
    const adminKey = /admin key\s+(\S+)/.exec(text)?.[1];
    if (url && adminKey) return { child, url, adminKey, output };
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await crash({ child });
  throw new Error(`local stack did not start:\n${output().slice(-2000)}`);
}

/** The crash: SIGKILL to the stack's own process group (its pid), nothing gets to clean up. */
export function crash(running: Pick<RunningStack, 'child'>): Promise<void> {
  const gone = running.child.exitCode !== null || running.child.signalCode !== null;
  const exited = new Promise<void>((resolve) => (gone ? resolve() : running.child.once('exit', () => resolve())));
  try {
    process.kill(-(running.child.pid as number), 'SIGKILL');
  } catch {
    // already gone
  }
  return exited;
}

/** The clean stop: SIGINT to the whole group, as Ctrl-C sends; resolves with the exit code. */
export async function stopNpmStart(running: Pick<RunningStack, 'child'>): Promise<number | null> {
  if (running.child.exitCode !== null) return running.child.exitCode;
  const exited = new Promise<number | null>((resolve) => running.child.once('exit', (code) => resolve(code)));
  process.kill(-(running.child.pid as number), 'SIGINT');
  return exited;
}
