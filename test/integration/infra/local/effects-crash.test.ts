import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, sentMails } from '../../../support/local-stack.ts';
import { freePort } from '#infra/local/dynamodb-local.ts';
import { crash, startNpmStart as start, type RunningStack as Running } from '../../../support/npm-start.ts';
import { poll } from '../../../support/poll.ts';

/**
 * A crash between a command's commit and its effects, on `npm start` (dynalite, the pending-index
 * feeder): the local stack is killed (SIGKILL to its process group) and started again on the same
 * DATA_DIR. The SES emulator runs in this test process, so it outlives the crashes and counts
 * every mail that was ever sent.
 */


describe('crash between commit and effects (npm start, killed and restarted)', () => {
  let ses: Server;
  let sesEndpoint: string;
  const dirs: string[] = [];
  const running: Running[] = [];
  beforeAll(async () => {
    const sesLocal = (await import('aws-ses-v2-local')).default as unknown as (config: { host: string; port: number }) => Promise<Server>;
    ses = await sesLocal({ host: '127.0.0.1', port: await freePort() });
    sesEndpoint = `http://127.0.0.1:${(ses.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const stack of running) await crash(stack);
    ses?.closeAllConnections();
    await new Promise<void>((resolve) => (ses ? ses.close(() => resolve()) : resolve()));
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  const launch = async (env: Record<string, string>) => {
    const stack = await start(env);
    running.push(stack);
    return stack;
  };
  const mailsFor = async (serviceCode: string) =>
    (await sentMails(sesEndpoint, { settle: false })).filter((mail) => mail.subject.endsWith(`на консультирование ${serviceCode}`));
  const nothingPending = (stack: Running) =>
    poll(async () => (await apiClient(stack.url, stack.adminKey)('GET', '/local/effects')).body, (s: { pending: number }) => s.pending === 0, 'effects');

  it('finishes every effect after the restart, each once, whether the crash came before the effects or in the middle of them', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'ucc-crash-'));
    dirs.push(dataDir);

    // 1. Effects never ran: the stack commits and dies.
    const first = await launch({ DATA_DIR: dataDir, SES_ENDPOINT: sesEndpoint, LOCAL_EFFECTS: 'off' });
    const admin = apiClient(first.url, first.adminKey);
    const bodies = await admin('GET', '/v1/bodies?kind=local_executive_body');
    const bodyId = bodies.body.items[0].id as string;
    const opened = await admin('POST', '/v1/acceptances', { body: { bodyId, serviceCode: 'C10001', serviceName: { kk: 'Қызмет', ru: 'Услуга' } } });
    expect(opened.status).toBe(201);
    expect((await admin('GET', '/local/effects')).body).toMatchObject({ mode: 'off', pending: expect.any(Number) });
    expect((await admin('GET', '/local/effects')).body.pending).toBeGreaterThan(0);
    await crash(first);
    expect(await mailsFor('C10001')).toEqual([]);

    // 2. Effects half done: the audit copy and the deadline are made, the mail cannot go out
    //    (SES unreachable), and the stack dies in that state.
    const deadSes = `http://127.0.0.1:${await freePort()}`;
    const second = await launch({ DATA_DIR: dataDir, SES_ENDPOINT: deadSes });
    const admin2 = apiClient(second.url, second.adminKey);
    const other = await admin2('POST', '/v1/acceptances', { body: { bodyId, serviceCode: 'C20002', serviceName: { kk: 'Қызмет', ru: 'Услуга' } } });
    expect(other.status).toBe(201);
    await poll(
      async () => (await admin2('GET', `/v1/acceptances/${other.body.id}/events`)).body.items.length,
      (count: number) => count > 0,
      'the audit copy of the second acceptance',
    );
    expect((await admin2('GET', '/local/effects')).body.pending).toBeGreaterThan(0);
    await crash(second);

    // 3. Restarted on the same data with SES back: everything pending is finished, once. A crash
    //    inside a send leaves its claim leased for 5 minutes (SES may have taken the message):
    //    the clock moves past the lease, as time would.
    const third = await launch({ DATA_DIR: dataDir, SES_ENDPOINT: sesEndpoint });
    const later = new Date(Date.now() + 6 * 60_000).toISOString();
    expect((await apiClient(third.url, third.adminKey)('POST', '/local/clock', { body: { now: later } })).status).toBe(200);
    await nothingPending(third).catch((error: Error) => {
      throw new Error(`${error.message}\n${third.output?.()}`);
    });
    const admin3 = apiClient(third.url, third.adminKey);
    expect(await mailsFor('C10001')).toHaveLength(1);
    expect(await mailsFor('C20002')).toHaveLength(1);
    for (const id of [opened.body.id, other.body.id]) {
      const events = (await admin3('GET', `/v1/acceptances/${id}/events`)).body.items.map((event: { type: string }) => event.type);
      expect([...events].sort()).toEqual(['AcceptanceOpened', 'DeadlineOpened']); // one copy each (same instant: any order)
    }
    const deadlines = await admin3('GET', `/v1/deadlines?bodyId=${bodyId}`);
    const watched = deadlines.body.items.filter((deadline: { subject: { id: string } }) => [opened.body.id, other.body.id].includes(deadline.subject.id));
    expect(watched.map((deadline: { key: string }) => deadline.key)).toEqual(['appointResponsible', 'appointResponsible']);
  }, 180_000);
});
