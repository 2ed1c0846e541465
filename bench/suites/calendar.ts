import { monitorEventLoopDelay } from 'node:perf_hooks';
import { KZ_SEED } from '#domain/calendar/kz-seed.ts';
import { benchBin, newBodyInput, SERVICE_NAME, sleep, timedSettle } from '../lib/fixtures.ts';
import { assertLoopback, expectStatus, httpClient, jsonOf, resetRetries, retryOnceOnReset, type HttpClient } from '../lib/http.ts';
import { assertHealthy, runPaced, runPhase, summarize, type LoadResult } from '../lib/load.ts';
import { median, ratio, round } from '../lib/stats.ts';
import { benchStack } from '../lib/stack.ts';
import type { Row, Suite, Table } from '../lib/types.ts';

/**
 * A calendar change over 1,000 open monitored deadlines. With the clock set to Monday
 * 14 September 2026, 1,000 acceptances are opened over HTTP for one new body; their effects
 * put each §5 deadline (appoint the responsible person in 2 working days: due Wed 16 September)
 * under watch. Then PUT /v1/calendars/KZ/2026 makes Tue 15 September a transfer day off, which
 * moves every one of them (to Thu 17 September).
 * Measured: the PUT's response time (against a PUT that changes nothing), the time until
 * GET …/recalculation reports `finished` (the recount runs in pages in the effects function),
 * and the latency of paced GET /v1/health and GET /v1/deadlines?limit=20 during the recount
 * against the same load with nothing running. Everything shares this process's event loop.
 *
 * Runs before the suites that leave open deadlines due after 15 September 2026 (acceptances:
 * real "now"): the recount pages through every open deadline due on or after the changed day.
 */
const DEADLINES = 1_000;
const SEED_CONCURRENCY = 16;
const OPENED_AT = '2026-09-14T10:00:00+05:00';
const DUE_BEFORE = '2026-09-16T23:59:59.999+05:00';
const DUE_AFTER = '2026-09-17T23:59:59.999+05:00';
const TRANSFER = {
  date: '2026-09-15',
  kind: 'transfer-off',
  name: { kk: 'Демалыс күні', ru: 'Выходной день', en: 'Day off' },
  source: 'bench: government decree (simulated)',
};
const NOOP_PUTS = 5;
/** Paced load per route (requests a second), and the baseline's length. */
const RATE_PER_ROUTE = 25;
const BASELINE_MS = 6_000;
const RECOUNT_TIMEOUT_MS = 600_000;
const POLL_MS = 50;
const SLOW_MS = 1_000;

interface Recalculation {
  id: string;
  status: 'running' | 'finished';
  phase: string;
  pages: number;
  /** Deadlines looked at (a deadline moved later in the index can be looked at again). */
  examined?: number;
  /** The older name of `examined`. */
  candidates?: number;
  subjectsMoved: number;
  renoticed: number;
}

async function openDeadlines(http: HttpClient, auth: Record<string, string>, bodyId: string) {
  const dueAts = new Map<string, number>();
  let cursor: string | undefined;
  do {
    const path = `/v1/deadlines?status=open&bodyId=${bodyId}&limit=100${cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
    const page = jsonOf<{ items: { dueAt: string }[]; nextCursor?: string }>(expectStatus('GET /v1/deadlines', await http.send('GET', path, auth), 200));
    for (const item of page.items) dueAts.set(item.dueAt, (dueAts.get(item.dueAt) ?? 0) + 1);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return dueAts;
}

const describe = (counts: Map<string, number>) => [...counts].map(([dueAt, count]) => `${count} due ${dueAt.slice(0, 10)}`).join(', ') || 'none';

export const calendarSuite: Suite = {
  name: 'calendar',
  description:
    `PUT /v1/calendars/KZ/2026 moving ${DEADLINES.toLocaleString('en')} open monitored deadlines: response time vs a PUT that ` +
    `changes nothing, time until the paged recount is finished, and GET /v1/health + GET /v1/deadlines?limit=20 ` +
    `(${RATE_PER_ROUTE} req/s each, paced) during the recount vs the same load with nothing running`,
  async run(): Promise<Table[]> {
    const stack = await benchStack();
    for (const endpoint of [stack.url, stack.dynamoEndpoint, stack.sesEndpoint]) assertLoopback(endpoint);
    const { setClock } = await import('#adapters/clock.ts');
    const http = httpClient(stack.url, 32);
    const poller = httpClient(stack.url, 1);
    const auth = { authorization: `Bearer ${stack.adminKey}` };
    const resetsBefore = resetRetries.count;
    const seed2026 = KZ_SEED.find((year) => year.year === 2026);
    if (seed2026 === undefined) throw new Error('No 2026 in the calendar seed');
    const putYear = (entries: unknown[]) => http.send('PUT', '/v1/calendars/KZ/2026', auth, JSON.stringify({ entries }));

    try {
      await stack.settle();
      setClock(new Date(OPENED_AT));
      const bodyId = benchBin(800_000);
      expectStatus('POST /v1/bodies', await http.send('POST', '/v1/bodies', auth, JSON.stringify(newBodyInput(bodyId))), 201);
      await stack.settle();

      // ---- Seed: 1,000 acceptances over HTTP; their effects open the monitored deadlines.
      let opened = 0;
      const openOne = async () => {
        const serviceCode = `C${(opened += 1)}`;
        const response = await http.send('POST', '/v1/acceptances', auth, JSON.stringify({ bodyId, serviceCode, serviceName: SERVICE_NAME }));
        if (response.status !== 201) throw new Error(`POST /v1/acceptances answered ${response.status}: ${response.body.slice(0, 200)}`);
      };
      const seedT0 = performance.now();
      const seeded = await runPhase(retryOnceOnReset(openOne), { concurrency: SEED_CONCURRENCY, maxRequests: DEADLINES, maxDurationMs: 600_000 });
      assertHealthy('seed POST /v1/acceptances', seeded);
      const seedPostsMs = performance.now() - seedT0;
      const seedDrainMs = await timedSettle(stack);
      const before = await openDeadlines(http, auth, bodyId);
      if (before.get(DUE_BEFORE) !== DEADLINES || before.size !== 1) {
        throw new Error(`expected ${DEADLINES} open deadlines due ${DUE_BEFORE}, found ${describe(before)}`);
      }

      // ---- Baselines with nothing running: a PUT that changes nothing, and the paced GETs.
      const noopMs: number[] = [];
      for (let index = 0; index < NOOP_PUTS; index += 1) {
        const t0 = performance.now();
        const response = expectStatus('PUT /v1/calendars/KZ/2026 (no change)', await putYear(seed2026.entries), 200);
        noopMs.push(performance.now() - t0);
        const changed = jsonOf<{ changedDates: string[] }>(response).changedDates;
        if (changed.length > 0) throw new Error(`the unchanged year changed ${changed.join(', ')}`);
        await stack.settle();
      }
      const get = (path: string, headers: Record<string, string> = {}) => async () => {
        const response = await http.send('GET', path, headers);
        if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${response.body.slice(0, 200)}`);
      };
      const routes = [
        { label: 'GET /v1/health', op: get('/v1/health') },
        { label: 'GET /v1/deadlines?limit=20', op: get('/v1/deadlines?limit=20', auth) },
      ];
      for (const route of routes) await runPhase(retryOnceOnReset(route.op), { concurrency: 4, maxRequests: 200, maxDurationMs: 2_000 });
      const loopDelay = monitorEventLoopDelay({ resolution: 10 });
      const pacedLoad = (options: { maxDurationMs: number; until?: () => boolean }) =>
        Promise.all(routes.map((route) => runPaced(route.op, { ratePerSec: RATE_PER_ROUTE, ...options })));
      loopDelay.enable();
      const baseline = await pacedLoad({ maxDurationMs: BASELINE_MS });
      loopDelay.disable();
      const baselineLoop = { p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 };
      loopDelay.reset();
      await stack.settle();

      // ---- The change: PUT, then the load and a progress poll until the recount is finished.
      const putT0 = performance.now();
      const put = expectStatus('PUT /v1/calendars/KZ/2026 (transfer-off)', await putYear([...seed2026.entries, TRANSFER]), 200);
      const putMs = performance.now() - putT0;
      const answer = jsonOf<{ changedDates: string[]; calendar: { version: number } }>(put);
      if (answer.changedDates.join() !== TRANSFER.date) throw new Error(`the PUT changed ${answer.changedDates.join(', ') || 'nothing'}`);
      const recalculationId = `KZ-2026-v${answer.calendar.version}`;
      let finished: Recalculation | undefined;
      let finishedMs = Number.NaN;
      let polls = 0;
      const poll = (async () => {
        const until = performance.now() + RECOUNT_TIMEOUT_MS;
        while (performance.now() < until) {
          const response = await poller.send('GET', '/v1/calendars/KZ/2026/recalculation', auth);
          polls += 1;
          if (response.status === 200) {
            const recalculation = jsonOf<Recalculation>(response);
            if (recalculation.id === recalculationId && recalculation.status === 'finished') {
              finishedMs = performance.now() - putT0;
              finished = recalculation;
              return;
            }
          } else if (response.status !== 404) {
            throw new Error(`GET /v1/calendars/KZ/2026/recalculation answered ${response.status}: ${response.body.slice(0, 200)}`);
          }
          await sleep(POLL_MS);
        }
        throw new Error(`the recount was not finished after ${RECOUNT_TIMEOUT_MS} ms`);
      })();
      loopDelay.enable();
      const during = await pacedLoad({ maxDurationMs: RECOUNT_TIMEOUT_MS, until: () => finished !== undefined });
      loopDelay.disable();
      const recountLoop = { p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 };
      await poll;
      await timedSettle(stack);
      const settledMs = performance.now() - putT0;
      const after = await openDeadlines(http, auth, bodyId);
      const moved = after.get(DUE_AFTER) ?? 0;
      const recount = finished as unknown as Recalculation;

      // ---- Tables.
      const noop = median(noopMs);
      const seedEffectsPerAcceptance = seedDrainMs / DEADLINES;
      const recountPerSubject = finishedMs / Math.max(1, recount.subjectsMoved);
      const stageRows: Row[] = [
        {
          step: `seed: ${DEADLINES} × POST /v1/acceptances (concurrency ${SEED_CONCURRENCY})`,
          ms: round(seedPostsMs, 0),
          'per item ms': round(seedPostsMs / DEADLINES, 2),
          'x baseline': null,
          goal: null,
          note: `${round(DEADLINES / (seedPostsMs / 1000), 0)} req/s`,
        },
        {
          step: 'seed: effects drained after the POSTs (deadlines under watch)',
          ms: round(seedDrainMs, 0),
          'per item ms': round(seedEffectsPerAcceptance, 2),
          'x baseline': null,
          goal: null,
          note: `then open for the body: ${describe(before)}`,
        },
        {
          step: `PUT /v1/calendars/KZ/2026, nothing changed (baseline, median of ${NOOP_PUTS})`,
          ms: round(noop, 1),
          'per item ms': null,
          'x baseline': 1,
          goal: null,
          note: noopMs.map((ms) => round(ms, 1)).join(' / '),
        },
        {
          step: `PUT /v1/calendars/KZ/2026, ${TRANSFER.date} made a day off`,
          ms: round(putMs, 1),
          'per item ms': null,
          'x baseline': ratio(putMs, noop, 2),
          goal: `< ${SLOW_MS} ms: ${putMs < SLOW_MS ? 'met' : 'NOT met'}`,
          note: `changedDates ${answer.changedDates.join(', ')}`,
        },
        {
          step: 'PUT → recalculation status finished',
          ms: round(finishedMs, 0),
          'per item ms': round(recountPerSubject, 2),
          'x baseline': ratio(recountPerSubject, seedEffectsPerAcceptance, 2),
          goal: null,
          note:
            `${recount.pages} pages, ${recount.examined ?? recount.candidates} deadlines examined, ${recount.subjectsMoved} acceptances moved, ` +
            `${recount.renoticed} renoticed; per item vs the seed's effects per acceptance; ${polls} polls`,
        },
        {
          step: 'PUT → every effect settled (moves, schedules, mails)',
          ms: round(settledMs, 0),
          'per item ms': round(settledMs / DEADLINES, 2),
          'x baseline': ratio(settledMs / DEADLINES, seedEffectsPerAcceptance, 2),
          goal: moved === DEADLINES ? null : 'NOT all moved',
          note: `then open for the body: ${describe(after)}`,
        },
      ];

      const summaries = (phases: typeof baseline) => phases.map((phase) => summarize([phase]));
      const [baseSummaries, duringSummaries] = [summaries(baseline), summaries(during)] as [LoadResult[], LoadResult[]];
      const slow = during.map((phase) => Array.from(phase.latencies).filter((ms) => ms > SLOW_MS).length);
      const loadRow = (label: string, result: LoadResult, base: LoadResult | undefined, extra: Row = {}): Row => ({
        requests: label,
        n: result.requests,
        errors: result.errors,
        'req/s': result.reqPerSec,
        'p50 ms': result.p50Ms,
        'p99 ms': result.p99Ms,
        'max ms': result.maxMs,
        'p50 x base': base === undefined ? null : ratio(result.p50Ms, base.p50Ms, 2),
        'p99 x base': base === undefined ? null : ratio(result.p99Ms, base.p99Ms, 2),
        ...extra,
      });
      const loadRows: Row[] = [];
      routes.forEach((route, index) => {
        const base = baseSummaries[index] as LoadResult;
        const run = duringSummaries[index] as LoadResult;
        loadRows.push(loadRow(`${route.label}, nothing running (baseline)`, base, undefined));
        loadRows.push(
          loadRow(`${route.label}, during the recount`, run, base, {
            [`over ${SLOW_MS} ms`]: slow[index] ?? 0,
          }),
        );
      });
      for (const phase of during) assertHealthy('GETs during the recount', phase, 0.01);
      const totalSlow = slow.reduce((total, count) => total + count, 0);
      loadRows.push({
        requests: `event-loop delay: baseline p99 ${round(baselineLoop.p99, 1)} ms, max ${round(baselineLoop.max, 1)} ms; during the recount p99 ${round(recountLoop.p99, 1)} ms, max ${round(recountLoop.max, 1)} ms`,
      });
      loadRows.push({ requests: `goal: no request over ${SLOW_MS} ms during the recount: ${totalSlow === 0 ? 'met' : `NOT met (${totalSlow})`}` });
      const resets = resetRetries.count - resetsBefore;
      if (resets > 0) loadRows.push({ requests: `(warm-up: ${resets} keep-alive reset(s) retried)` });
      return [
        { title: `calendar change over ${DEADLINES} open deadlines (clock ${OPENED_AT})`, rows: stageRows },
        { title: `paced GETs (${RATE_PER_ROUTE} req/s per route): baseline ${BASELINE_MS / 1000} s with nothing running, then from the PUT's answer until finished`, rows: loadRows },
      ];
    } finally {
      setClock(null);
      http.close();
      poller.close();
    }
  },
};
