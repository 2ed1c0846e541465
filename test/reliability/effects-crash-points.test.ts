import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CrashPoint } from '#commons/crash-point.ts';
import { RECALCULATION_PAGE } from '#domain/deadlines/calendar-recalculation.ts';
import { JOB_CONCURRENCY } from '#domain/map-bounded.ts';
import { freePort } from '#infra/local/dynamodb-local.ts';
import { apiClient, sentMails } from '../support/local-stack.ts';
import { crash, startNpmStart, stopNpmStart, type RunningStack } from '../support/npm-start.ts';
import { poll as pollFor } from '../support/poll.ts';
import { seedYearWithDaysOff } from '../support/fixtures.ts';
import { leasedSendsAt, sendsMarkedByEventAt } from '../support/stored-items.ts';
import { figure, propertySeed, seededRandom, sized } from './figures.ts';

/** A restart on a loaded machine: longer waits, polled less often. */
const poll = <T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 180_000) => pollFor(read, done, what, { timeoutMs, intervalMs: 100 });

/**
 * Issue 17 §3, inside the effects function: `npm start` armed with LOCAL_CRASH_AT (a named
 * point, and which of its occurrences, from the seed: infra/local/crash-points.ts) kills its
 * own process group exactly there — after the audit copy and before the e-mail, after SES took
 * a message and before the ledger's mark, after the mark and before the pending marks are
 * cleared, in the middle of a calendar recalculation's page. Started again on the same DATA_DIR
 * without the hook: the pending effects finish, each event is in the audit trail once, each
 * e-mail goes out once (the one SES took before the ledger's mark by its Email Sent event, below),
 * and the recalculation ends with every deadline moved once. The SES emulator runs in this test
 * process, so it counts every mail across the crashes.
 */
const RUNS_PER_POINT = sized(1, 3);
const OPENINGS = 3;
/**
 * More acceptances than one recalculation page, the second page holding more than a page moves
 * at once: the crash lands inside the first page or the second, with some acceptances left.
 */
const RECALCULATED = RECALCULATION_PAGE + JOB_CONCURRENCY + 2;
const serviceName = { kk: 'Қызмет', ru: 'Услуга' };

interface Effects {
  pending: number;
  busy: boolean;
}

describe('crash points inside the effects function (issue 17 §3)', () => {
  let ses: Server;
  let sesEndpoint: string;
  let dataDir: string;
  let current: RunningStack | undefined;
  let dynamoPort = 0;
  let bodyId = '';
  const next = seededRandom(propertySeed() + 17);

  /** The stack on the shared DATA_DIR, armed or not; on its own fresh store port each time. */
  const start = async (crashAt?: string, env: Record<string, string> = {}) => {
    dynamoPort = await freePort();
    current = await startNpmStart({ DATA_DIR: dataDir, SES_ENDPOINT: sesEndpoint, DYNAMODB_PORT: String(dynamoPort), ...env, ...(crashAt === undefined ? {} : { LOCAL_CRASH_AT: crashAt }) });
    return apiClient(current.url, current.adminKey);
  };
  /** Waits for the armed stack to kill itself at its point, and checks it died there. */
  const crashedAt = async (crashAt: string) => {
    const running = current!;
    await poll(async () => running.child.signalCode, (signal) => signal !== null, `the crash at ${crashAt}`).catch(async (error: Error) => {
      await crash(running);
      throw new Error(`${error.message}\n${running.output().slice(-2000)}`);
    });
    current = undefined;
    expect(running.child.signalCode).toBe('SIGKILL');
    expect(running.output()).toContain(`crash point ${crashAt} reached`);
  };
  const idle = (admin: ReturnType<typeof apiClient>) =>
    poll(async () => (await admin('GET', '/local/effects')).body as Effects, (state) => state.pending === 0 && !state.busy, 'the pending effects');
  const mailsFor = async (code: string, subject?: RegExp) =>
    (await sentMails(sesEndpoint, { settle: false })).filter(
      // The §4 request names the service code last; a deadline's notices name it in brackets.
      (mail) => (mail.subject.endsWith(code) || mail.subject.includes(`(${code})`)) && (subject === undefined || subject.test(mail.subject)),
    );

  beforeAll(async () => {
    const sesLocal = (await import('aws-ses-v2-local')).default as unknown as (config: { host: string; port: number }) => Promise<Server>;
    ses = await sesLocal({ host: '127.0.0.1', port: await freePort() });
    sesEndpoint = `http://127.0.0.1:${(ses.address() as AddressInfo).port}`;
    dataDir = await mkdtemp(join(tmpdir(), 'ucc-reliability-effects-crash-'));
    // The demo data's own effects finish first, unarmed: each armed run counts only its own.
    const admin = await start();
    bodyId = (await admin('GET', '/v1/bodies?kind=local_executive_body')).body.items[0].id as string;
    await idle(admin);
    await stopNpmStart(current!);
    current = undefined;
  }, 300_000);
  // A failed test leaves its stack up: the next one needs DATA_DIR free.
  afterEach(async () => {
    if (current !== undefined) await crash(current);
    current = undefined;
  });
  afterAll(async () => {
    ses?.closeAllConnections();
    await new Promise<void>((resolve) => (ses ? ses.close(() => resolve()) : resolve()));
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
  });

  /**
   * One armed run on §4 openings: OPENINGS acceptances opened with keys, and the stack dead at
   * the seeded occurrence of `point`. Returns the codes and what was answered; the caller restarts it.
   */
  async function openUntilCrash(point: CrashPoint, run: number) {
    const occurrence = 1 + Math.floor(next() * OPENINGS);
    const crashAt = `${point}@${occurrence}`;
    const admin = await start(crashAt);
    const codes = Array.from({ length: OPENINGS }, (_, index) => `EC-${point.split('.')[1]}-${run}-${index}`);
    const answered = new Map<string, string>();
    await Promise.all(
      codes.map(async (code) => {
        try {
          const response = await admin('POST', '/v1/acceptances', { body: { bodyId, serviceCode: code, serviceName }, headers: { 'idempotency-key': `ec-${code}` }, settle: false });
          if (response.status === 201) answered.set(code, response.body.id as string);
        } catch {
          // the stack died before it answered: the retry below finds out what was committed
        }
      }),
    );
    await crashedAt(crashAt);
    return { codes, answered, crashAt };
  }

  /**
   * After the restart: each opening retried with its key (one the crash cut off before its
   * commit is opened now) converges on the acceptance its first answer named. Returns the ids.
   */
  async function reopen(admin: ReturnType<typeof apiClient>, codes: string[], answered: Map<string, string>): Promise<string[]> {
    const ids: string[] = [];
    for (const code of codes) {
      const retried = await admin('POST', '/v1/acceptances', { body: { bodyId, serviceCode: code, serviceName }, headers: { 'idempotency-key': `ec-${code}` }, settle: false });
      expect([200, 201]).toContain(retried.status);
      if (answered.has(code)) expect(retried.body.id).toBe(answered.get(code));
      ids.push(retried.body.id as string);
    }
    return ids;
  }

  /** Once the effects ran: one acceptance per opening, none half applied, its audit trail holding each event once. */
  async function expectOpeningsWhole(admin: ReturnType<typeof apiClient>, codes: string[], ids: string[]) {
    for (const [index, id] of ids.entries()) {
      const acceptance = await admin('GET', `/v1/acceptances/${id}`, { settle: false });
      expect(acceptance.body).toMatchObject({ serviceCode: codes[index], version: 1, status: 'requested' });
      const events = (await admin('GET', `/v1/acceptances/${id}/events`, { settle: false })).body.items as { eventId: string; type: string }[];
      expect(events.map((event) => event.type)).toContain('AcceptanceOpened');
      expect(new Set(events.map((event) => event.eventId)).size).toBe(events.length);
    }
  }

  for (const point of ['effects.audit-copied', 'effects.mail-recorded'] as const) {
    it(`${point}: restarted, the pending effects finish and every e-mail goes out exactly once (${RUNS_PER_POINT} seeded run(s))`, async () => {
      let twice = 0;
      let missing = 0;
      for (let run = 0; run < RUNS_PER_POINT; run += 1) {
        const { codes, answered } = await openUntilCrash(point, run);
        const admin = await start();
        const ids = await reopen(admin, codes, answered);
        await idle(admin);
        await expectOpeningsWhole(admin, codes, ids);
        for (const code of codes) {
          const count = (await mailsFor(code)).length;
          if (count > 1) twice += 1;
          if (count === 0) missing += 1;
        }
        await stopNpmStart(current!);
        current = undefined;
      }
      figure(`effects-crash.${point}.runs`, RUNS_PER_POINT);
      figure(`effects-crash.${point}.emails-sent-twice`, twice);
      figure(`effects-crash.${point}.emails-missing`, missing);
      expect({ twice, missing }).toEqual({ twice: 0, missing: 0 });
    }, 900_000);
  }

  it(`effects.mail-accepted: the message SES took before the ledger's mark is marked sent by its Email Sent event and sent exactly once, even past the lease (${RUNS_PER_POINT} seeded run(s))`, async () => {
    let marked = 0;
    let twice = 0;
    let missing = 0;
    for (let run = 0; run < RUNS_PER_POINT; run += 1) {
      const { codes, answered } = await openUntilCrash('effects.mail-accepted', run);
      const restartedAt = Date.now();
      // SES has the message, the killed run's ledger claim says 'sending'. The restart reads the
      // SES store (the local Email Sent events) before its effects feeder starts: the claim is marked sent.
      const admin = await start();
      const ids = await reopen(admin, codes, answered);
      const markedSubjects = await sendsMarkedByEventAt(dynamoPort);
      const caught = codes.filter((code) => markedSubjects.some((subject) => subject.endsWith(code)));
      expect(caught.length).toBeGreaterThan(0);
      for (const code of caught) expect(await mailsFor(code)).toHaveLength(1);
      // A claim still leased now is one SES never took (a re-drive beside the feeder had claimed
      // it when the kill came): it waits for its lease; everything else finishes, the caught ones too.
      const leasedNow = (await leasedSendsAt(dynamoPort, restartedAt)).filter((subject) => codes.some((code) => subject.endsWith(code)));
      expect(leasedNow.filter((subject) => caught.some((code) => subject.endsWith(code)))).toEqual([]);
      await poll(async () => (await admin('GET', '/local/effects')).body as Effects, (state) => state.pending === leasedNow.length && !state.busy, 'all but the sends SES never took');
      marked += caught.length;
      await expectOpeningsWhole(admin, codes, ids);
      // Past the lease the re-drive finds the caught ones sent: no second copy (SES takes no
      // idempotency token, its Email Sent event names the message instead).
      expect((await admin('POST', '/local/clock', { body: { now: new Date(Date.now() + 6 * 60_000).toISOString() } })).status).toBe(200);
      await admin('POST', '/local/jobs/redrive-outbox');
      await idle(admin);
      expect((await admin('POST', '/local/clock', { body: { now: null } })).status).toBe(200);
      for (const code of codes) {
        const count = (await mailsFor(code)).length;
        if (count === 0) missing += 1;
        if (count > 1) twice += 1;
        expect(count, code).toBe(1);
      }
      await stopNpmStart(current!);
      current = undefined;
    }
    figure('effects-crash.effects.mail-accepted.runs', RUNS_PER_POINT);
    figure('effects-crash.effects.mail-accepted.marked-by-send-event', marked);
    figure('effects-crash.effects.mail-accepted.emails-sent-twice', twice);
    figure('effects-crash.effects.mail-accepted.emails-missing', missing);
    expect({ twice, missing }).toEqual({ twice: 0, missing: 0 });
  }, 900_000);

  it('effects.recalculation-subject-moved: restarted, the recalculation resumes and ends with every deadline moved once, each party told once', async () => {
    // Opened Mon 5 Oct 2026 10:00: the §5 appointment is due in 2 working days, Wed 7 Oct.
    let admin = await start();
    expect((await admin('POST', '/local/clock', { body: { now: '2026-10-05T10:00:00+05:00' } })).status).toBe(200);
    const codes = Array.from({ length: RECALCULATED }, (_, index) => `EC-RC-${String(index).padStart(3, '0')}`);
    const ids: string[] = [];
    for (const code of codes) {
      const response = await admin('POST', '/v1/acceptances', { body: { bodyId, serviceCode: code, serviceName }, settle: false });
      expect(response.status).toBe(201);
      ids.push(response.body.id as string);
    }
    await idle(admin);
    await stopNpmStart(current!);

    // Tue 6 Oct becomes a day off; the stack dies after the seeded n-th acceptance moved.
    // Up to JOB_CONCURRENCY − 1 writes in flight beside the n-th may land too: n leaves more than that.
    const occurrence = 1 + Math.floor(next() * (RECALCULATED - JOB_CONCURRENCY));
    const crashAt = `effects.recalculation-subject-moved@${occurrence}`;
    admin = await start(crashAt);
    const put = await admin('PUT', '/v1/calendars/KZ/2026', { body: seedYearWithDaysOff(2026, '2026-10-06'), settle: false });
    expect(put.status).toBe(200);
    await crashedAt(crashAt);

    // What the crash left, read with the effects off: each acceptance wholly on the old
    // calendar (version 1, due Wed 7 Oct) or wholly moved (version 2, due Thu 8 Oct), some of
    // each, and the recalculation still running.
    admin = await start(undefined, { LOCAL_EFFECTS: 'off' });
    const left = await Promise.all(
      ids.map(async (id) => {
        const acceptance = (await admin('GET', `/v1/acceptances/${id}`, { settle: false })).body as { version: number; deadlines: { status: string; dueAt: string }[] };
        return `v${acceptance.version} ${[...new Set(acceptance.deadlines.filter((each) => each.status === 'open').map((each) => each.dueAt))].join(',')}`;
      }),
    );
    expect(left.filter((state) => !['v1 2026-10-07T23:59:59.999+05:00', 'v2 2026-10-08T23:59:59.999+05:00'].includes(state))).toEqual([]);
    expect(left).toContain('v2 2026-10-08T23:59:59.999+05:00');
    expect(left).toContain('v1 2026-10-07T23:59:59.999+05:00');
    expect((await admin('GET', '/v1/calendars/KZ/2026/recalculation', { settle: false })).body).toMatchObject({ status: 'running' });
    figure('effects-crash.effects.recalculation-subject-moved.moved-at-the-crash', left.filter((state) => state.startsWith('v2')).length);
    await stopNpmStart(current!);

    // Restarted unarmed, effects on: the page resumes from the record's last committed cursor.
    admin = await start();
    const recalculation = await poll(
      async () => (await admin('GET', '/v1/calendars/KZ/2026/recalculation', { settle: false })).body as { status: string; pages: number; subjectsMoved: number },
      (state) => state.status === 'finished',
      'the recalculation to finish',
    );
    await idle(admin);
    const versions: number[] = [];
    const dues = new Set<string>();
    for (const id of ids) {
      const acceptance = (await admin('GET', `/v1/acceptances/${id}`, { settle: false })).body as { version: number; deadlines: { key: string; status: string; dueAt: string }[] };
      versions.push(acceptance.version);
      for (const deadline of acceptance.deadlines.filter((each) => each.status === 'open')) dues.add(deadline.dueAt);
    }
    const told = await Promise.all(codes.map(async (code) => (await mailsFor(code, /Срок изменен/)).length));
    figure('effects-crash.effects.recalculation-subject-moved.runs', 1);
    figure('effects-crash.effects.recalculation-subject-moved.crashed-after-moves', occurrence);
    figure('effects-crash.effects.recalculation-subject-moved.acceptances', RECALCULATED);
    // The resumed page keeps its plan and counts the acceptances it had moved before the crash (movedBy).
    figure('effects-crash.effects.recalculation-subject-moved.record-subjects-moved', recalculation.subjectsMoved);
    figure('effects-crash.effects.recalculation-subject-moved.moved-twice', versions.filter((version) => version > 2).length);
    figure('effects-crash.effects.recalculation-subject-moved.not-moved', versions.filter((version) => version < 2).length);
    figure('effects-crash.effects.recalculation-subject-moved.moved-emails-twice', told.filter((count) => count > 1).length);
    // Each acceptance moved exactly once (one write each: version 1 → 2), all due Thu 8 Oct.
    expect(versions).toEqual(ids.map(() => 2));
    expect([...dues]).toEqual(['2026-10-08T23:59:59.999+05:00']);
    expect(told).toEqual(codes.map(() => 1));
    // The record's figure is exact: every acceptance moved, each counted once.
    expect(recalculation.subjectsMoved).toBe(RECALCULATED);
    expect(recalculation.pages).toBeGreaterThanOrEqual(Math.ceil(RECALCULATED / RECALCULATION_PAGE) + 2);
    expect((await admin('POST', '/local/clock', { body: { now: null } })).status).toBe(200);
  }, 900_000);
});
