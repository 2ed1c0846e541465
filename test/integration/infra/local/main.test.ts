import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '#infra/local/handlers.ts';
import { apiClient } from '../../../support/local-stack.ts';

interface Started {
  child: ChildProcess;
  url: string;
  adminKey: string;
  output: () => string;
}

const TSX = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');

function launch(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  // npm start's own log level applies (WARN), not the test run's.
  const { LOCAL_ADMIN_KEY: _ignored, POWERTOOLS_LOG_LEVEL: _level, ...inherited } = process.env;
  const child = spawn(TSX, ['infra/local/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...inherited, PORT: '0', DYNAMODB_PORT: '0', SES_PORT: '0', S3_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: Ctrl-C in a terminal signals the whole group (tsx and the node it runs).
    detached: true,
  });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => text, exited };
}

/** SIGKILL to the stack's process group (tsx and the node it runs), if it is still there. */
function killGroup(child: ChildProcess): void {
  try {
    process.kill(-(child.pid as number), 'SIGKILL');
  } catch {
    // already gone
  }
}

async function start(env: Record<string, string>): Promise<Started> {
  const launched = launch(env);
  const deadline = Date.now() + 40_000;
  while (Date.now() < deadline) {
    const url = /API\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(launched.output())?.[1];
    const adminKey = /admin key\s+(\S+)/.exec(launched.output())?.[1];
    if (url && adminKey) return { child: launched.child, url, adminKey, output: launched.output };
    if (launched.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  killGroup(launched.child);
  throw new Error(`local stack did not start:\n${launched.output()}`);
}

async function stop(started: Started): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => started.child.once('exit', (code) => resolve(code)));
  process.kill(-(started.child.pid as number), 'SIGINT'); // as Ctrl-C does: the whole group
  return exited;
}

describe('npm start (infra/local/main.ts)', () => {
  const dirs: string[] = [];
  const running: Started[] = [];
  afterAll(async () => {
    for (const started of running) if (started.child.exitCode === null) killGroup(started.child);
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('keeps all data across a restart on the same DATA_DIR and stops cleanly on Ctrl-C', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'ucc-local-'));
    dirs.push(dataDir);
    const first = await start({ DATA_DIR: dataDir });
    running.push(first);
    expect(await readFile(join(dataDir, 'admin-key'), 'utf8')).toContain(first.adminKey);
    const entries = [{ date: '2028-01-01', kind: 'holiday', name: { kk: 'Жаңа жыл', ru: 'Новый год', en: 'New Year' }, source: 'Law On holidays' }];
    const put = await apiClient(first.url, first.adminKey)('PUT', '/v1/calendars/KZ/2028', { body: { entries } });
    expect(put.status).toBe(200);
    // The handler logs the change at INFO, below npm start's WARN: nothing of it is printed.
    expect(first.output()).not.toMatch(/"level":"INFO"/);
    // A document in the documents bucket (s3rver, under DATA_DIR/s3): an information request's attachment.
    const admin = apiClient(first.url, first.adminKey);
    const bodies = await admin('GET', '/v1/bodies?kind=local_executive_body&limit=1');
    const pdf = Buffer.from('%PDF-1.7\n% kept across restarts\n');
    const asked = await admin('POST', '/v1/information-requests', {
      body: { bodyId: bodies.body.items[0].id, question: 'Q', attachments: [{ fileName: 'q.pdf', contentType: 'application/pdf', contentBase64: pdf.toString('base64') }] },
    });
    expect(asked.status).toBe(201);
    const documentPath = `/v1/information-requests/${asked.body.id}/documents/${asked.body.attachments[0].sha256}`;
    const setAt = Date.now();
    const set = await apiClient(first.url, first.adminKey)('POST', '/local/clock', { body: { now: '2026-03-20T10:00:00+05:00' } });
    expect(set.status).toBe(200);
    expect(await stop(first)).toBe(0);

    const second = await start({ DATA_DIR: dataDir });
    running.push(second);
    expect(second.adminKey).toBe(first.adminKey);
    const health = await apiClient(second.url)('GET', '/v1/health');
    expect(health.status).toBe(200);
    // The operators' console, built from its sources at this start into DATA_DIR/console.
    expect(second.output()).toMatch(/console\s+http:\/\/127\.0\.0\.1:\d+\/console\//);
    const consolePage = await fetch(`${second.url}/console/`);
    expect(consolePage.status).toBe(200);
    const script = /src="(\/console\/assets\/[^"]+\.js)"/.exec(await consolePage.text())?.[1];
    expect((await fetch(`${second.url}${script}`)).headers.get('content-type')).toMatch(/javascript/);
    // The set clock survived the restart (time flowed on from it) and the banner says so.
    expect(second.output()).toMatch(/clock\s+set: it is 2026-03-20T05:/);
    const clock = await apiClient(second.url, second.adminKey)('GET', '/local/clock');
    const drift = Date.parse(clock.body.now) - Date.parse('2026-03-20T05:00:00Z');
    expect(drift).toBeGreaterThanOrEqual(0);
    expect(drift).toBeLessThanOrEqual(Date.now() - setAt + 1_000);
    const kept = await fetch(`${second.url}${documentPath}`, { headers: { authorization: `Bearer ${second.adminKey}` } });
    expect(kept.status).toBe(200);
    expect(Buffer.from(await kept.arrayBuffer()).equals(pdf)).toBe(true);
    const year = await apiClient(second.url, second.adminKey)('GET', '/v1/calendars/KZ/2028');
    expect(year.status).toBe(200);
    expect(year.body).toMatchObject({ version: 1, source: 'stored', entries });

    // A second stack on a port already taken fails with a message naming the variable.
    const port = new URL(second.url).port;
    const otherDir = await mkdtemp(join(tmpdir(), 'ucc-local-'));
    dirs.push(otherDir);
    const clash = launch({ DATA_DIR: otherDir, PORT: port });
    expect(await clash.exited).toBe(1);
    expect(clash.output()).toMatch(new RegExp(`Port ${port} .*already in use.*PORT`));
    expect(await stop(second)).toBe(0);
  }, 120_000);
});
