import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT } from '#infra/local/handlers.ts';

const TSX = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');

/** `npm start` (infra/local/main.ts) in a process group of its own, as the tests that kill it need. */
export interface RunningStack {
  child: ChildProcess;
  url: string;
  adminKey: string;
  /** Everything it printed so far. */
  output: () => string;
}

/** Starts the local stack on free ports (env overrides them) and waits until it prints its address and key. */
export async function startNpmStart(env: Record<string, string>, timeoutMs = 90_000): Promise<RunningStack> {
  const { LOCAL_ADMIN_KEY: _ignored, ...inherited } = process.env;
  const child = spawn(TSX, ['infra/local/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...inherited, POWERTOOLS_LOG_LEVEL: 'WARN', PORT: '0', DYNAMODB_PORT: '0', SES_PORT: '0', S3_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const url = /API\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(text)?.[1];
    const adminKey = /admin key\s+(\S+)/.exec(text)?.[1];
    if (url && adminKey) return { child, url, adminKey, output: () => text };
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await crash({ child });
  throw new Error(`local stack did not start:\n${text.slice(-2000)}`);
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

/**
 * The clean stop: SIGINT to main.ts's own process (tsx's child, found in /proc), as `kill -INT`
 * sends; resolves with the exit code. Not to the whole group as Ctrl-C does: tsx then waits only
 * 30 ms for its child to acknowledge the signal before it SIGKILLs it (exit 130, a crash), which
 * a loaded machine makes happen now and then.
 */
export async function stopNpmStart(running: Pick<RunningStack, 'child'>): Promise<number | null> {
  if (running.child.exitCode !== null) return running.child.exitCode;
  const exited = new Promise<number | null>((resolve) => running.child.once('exit', (code) => resolve(code)));
  const pid = running.child.pid as number;
  const children = (await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8')).trim().split(/\s+/).filter(Boolean);
  if (children.length !== 1) throw new Error(`expected tsx (${pid}) to run one process, found ${children.length}`);
  process.kill(Number(children[0]), 'SIGINT');
  return exited;
}
