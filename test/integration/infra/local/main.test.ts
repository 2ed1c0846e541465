import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { apiClient, apiFetch } from '../../../support/local-stack.ts';
import { crash, launchNpmStart as launch, startNpmStart as start, stopNpmStart as stop, type RunningStack as Started } from '../../../support/npm-start.ts';

describe('npm start (infra/local/main.ts)', () => {
  const dirs: string[] = [];
  const running: Started[] = [];
  afterAll(async () => {
    for (const started of running) if (started.child.exitCode === null) void crash(started);
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
    const kept = await apiFetch(`${second.url}${documentPath}`, { headers: { authorization: `Bearer ${second.adminKey}` } });
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
