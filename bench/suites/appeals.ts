import { installCallCounter, type CallCounts, type CallSource } from '../lib/calls.ts';
import { benchBin, newBodyInput, pauseEffects, timedSettle } from '../lib/fixtures.ts';
import { expectStatus, httpClient, jsonOf } from '../lib/http.ts';
import { assertHealthy, runPhase, summarize, type LoadResult, type Phase } from '../lib/load.ts';
import { ratio, round } from '../lib/stats.ts';
import { benchStack, benchStore, rawDocumentClient } from '../lib/stack.ts';
import type { Appeal, AppealInput } from '#domain/appeals/appeal.ts';
import type { Row, Suite, Table } from '../lib/types.ts';
import { newWriteTally, timedWriteItems, writeItems } from '../lib/write-items.ts';

/**
 * §13 appeals at contact-centre volume:
 * 1. Ingestion: POST /v1/appeals/batch of 500 new appeals (spread over 6 channels, 4 outcomes,
 *    120 services, 50 topics, 17 regions, 10 bodies), two at a time, in appeals/s, next to raw
 *    BatchWriteItem of as many appeal items with as many calls in flight (2 × the adapter's 4
 *    writers); rounds interleaved. The effects are held while the requests are timed (in AWS they
 *    run in their own function) and drained after each round, timed apart.
 * 2. GET /v1/appeal-counters?quarter= (local HTTP) of a quarter with 10,000 appeals stored and
 *    counted and of one with 100,000, in interleaved rounds: the appeals loaded straight into the
 *    table, their counts through the real counter writer, one push of 500 at a time as the
 *    effects would; goal ≤ 1.2× time at 100k.
 * 3. DynamoDB calls per batch of 500 on the request path and in the effects (and the local
 *    feeder's, which the stream does in AWS).
 * Client, server, handlers, effects and dynalite share this process's event loop: compare ratios.
 */
const BATCH = 500;
const BATCH_CONCURRENCY = 2;
const BATCHES_PER_ROUND = 10;
const ADAPTER_WRITERS = 4;
const INGEST_ROUNDS = 3;
const SMALL = 10_000;
const LARGE = 100_000;
const READ_PHASE = { concurrency: 4, maxRequests: 400, maxDurationMs: 2_500 } as const;
const READ_ROUNDS = 8;
const CHANNELS = ['phone_1414', 'phone_1414', 'phone_1414', 'email', 'chat', 'web', 'in_person', 'messenger'] as const;
const OUTCOMES = ['consulted', 'stage_given', 'complaint_procedure_explained', 'redirected'] as const;

const describeOps = (counts: CallCounts, source: CallSource): string =>
  Object.entries(counts.bySource[source])
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, calls]) => `${name} ${calls}`)
    .join(', ') || '-';
const callsOf = (counts: CallCounts, source: CallSource): number => Object.values(counts.bySource[source]).reduce((sum, n) => sum + n, 0);

export const appealsSuite: Suite = {
  name: 'appeals',
  description:
    `appeal batch ingestion (${BATCH} a call, ${BATCH_CONCURRENCY} at a time) in appeals/s vs raw BatchWriteItem items/s (goal ≥ 0.5×); ` +
    `the quarter's counters read with ${SMALL.toLocaleString('en')} vs ${LARGE.toLocaleString('en')} appeals counted (goal ≤ 1.2×); DynamoDB calls per batch (${benchStore()})`,
  async run(): Promise<Table[]> {
    const stack = await benchStack();
    const raw = await rawDocumentClient(stack);
    const { tableName } = await import('#adapters/dynamo.ts');
    const { appealItem, dynamoAppealCounterWriter } = await import('#adapters/appeal-store.ts');
    const { aggregateAppeals } = await import('#domain/appeals/appeal-intake.ts');
    const { countAppealBatch } = await import('#domain/appeals/count-appeal-batch.ts');
    const http = httpClient(stack.url, Math.max(READ_PHASE.concurrency, BATCH_CONCURRENCY));
    const auth = { authorization: `Bearer ${stack.adminKey}` };
    const bodies = Array.from({ length: 10 }, (_, i) => benchBin(7_501 + i));
    const call = async (method: string, path: string, body?: unknown, status = 200) =>
      jsonOf<Record<string, any>>(expectStatus(`${method} ${path}`, await http.send(method, path, auth, body === undefined ? undefined : JSON.stringify(body)), status));
    const counter = await installCallCounter();

    // Appeal n: its dimensions spread by n (co-prime strides), within 90 days from `from` (a quarter's first morning, Almaty).
    const Q3 = Date.UTC(2026, 6, 1, 3);
    const Q2 = Date.UTC(2026, 3, 1, 3);
    const input = (prefix: string, n: number, from = Q3): AppealInput => ({
      id: `${prefix}-${n}`,
      channel: CHANNELS[n % CHANNELS.length]!,
      serviceCode: `00${String(300_000 + ((n * 7) % 120))}`,
      topic: `topic-${(n * 11) % 50}`,
      region: `region-${(n * 13) % 17}`,
      outcome: OUTCOMES[(n * 3) % OUTCOMES.length]!,
      occurredAt: new Date(from + ((n * 60_013) % (90 * 86_400_000))).toISOString(),
      operator: `op-${n % 40}`,
      bodyId: bodies[(n * 17) % bodies.length]!,
    });
    const stored = (prefix: string, n: number, batchId: string, from = Q3): Appeal => ({ ...input(prefix, n, from), recordedAt: '2026-10-01T00:00:00.000Z', recordedBy: 'bench', batchId });

    try {
      for (const id of bodies) await call('POST', '/v1/bodies', newBodyInput(id), 201);
      await stack.settle(120_000);

      // 2. Counters read: 10k appeals in 2026-Q2 and 100k in 2026-Q3, counted push by push as the
      // effects do; the two quarters then read in interleaved rounds (noise hits both alike).
      const load = async (prefix: string, count: number, from: number) => {
        for (let done = 0; done < count; done += BATCH) {
          const batchId = `${prefix}-${done / BATCH}`;
          const appeals = Array.from({ length: BATCH }, (_, i) => stored(prefix, done + i, batchId, from));
          await writeItems(raw, tableName(), appeals.map(appealItem));
          await countAppealBatch({ batchId, counts: aggregateAppeals(appeals) }, dynamoAppealCounterWriter, new Date().toISOString());
        }
      };
      const loadStarted = performance.now();
      await load('Q2', SMALL, Q2);
      await load('Q3', LARGE, Q3);
      const loadSeconds = (performance.now() - loadStarted) / 1000;
      const readCounters = (quarter: string) => async () => {
        const response = await http.send('GET', `/v1/appeal-counters?quarter=${quarter}`, auth);
        if (response.status !== 200) throw new Error(`counters: ${response.status} ${response.body.slice(0, 200)}`);
      };
      const targets = [
        { quarter: '2026-Q2', appeals: SMALL, phases: [] as Phase[] },
        { quarter: '2026-Q3', appeals: LARGE, phases: [] as Phase[] },
      ];
      for (const target of targets) {
        const counted = await call('GET', `/v1/appeal-counters?quarter=${target.quarter}`);
        if (counted.total !== target.appeals) throw new Error(`${target.quarter}: counters say ${counted.total} appeals, ${target.appeals} were counted`);
        // Discarded: a fresh process's first reads run slower.
        assertHealthy(`${target.quarter} warm-up`, await runPhase(readCounters(target.quarter), READ_PHASE));
      }
      for (let index = 0; index < READ_ROUNDS; index += 1) {
        for (const target of index % 2 === 0 ? targets : [...targets].reverse()) {
          const phase = await runPhase(readCounters(target.quarter), READ_PHASE);
          assertHealthy(target.quarter, phase);
          target.phases.push(phase);
        }
      }
      const [small, large] = targets.map((target) => summarize(target.phases)) as [LoadResult, LoadResult];
      const largeCounts = await call('GET', '/v1/appeal-counters?quarter=2026-Q3');
      const distinct = Object.values(largeCounts.by as Record<string, Record<string, number>>).reduce((sum, values) => sum + Object.keys(values).length, 0);
      const readRow = (quarter: string, appeals: number, result: LoadResult): Row => ({
        target: `GET /v1/appeal-counters?quarter=${quarter} (local HTTP)`,
        'appeals counted': appeals,
        requests: result.requests,
        errors: result.errors,
        'req/s': result.reqPerSec,
        'p50 ms': result.p50Ms,
        'p99 ms': result.p99Ms,
      });
      const readRows: Row[] = [
        readRow('2026-Q2', SMALL, small),
        readRow('2026-Q3', LARGE, large),
        { target: `ratio ${LARGE / 1000}k / ${SMALL / 1000}k (time: goal ≤ 1.2)`, 'appeals counted': null, requests: null, errors: null, 'req/s': ratio(large.reqPerSec, small.reqPerSec), 'p50 ms': ratio(large.p50Ms, small.p50Ms), 'p99 ms': ratio(large.p99Ms, small.p99Ms) },
        { target: `(${distinct} distinct counted values in 2026-Q3; loading and counting ${(SMALL + LARGE).toLocaleString('en')} appeals: ${round(loadSeconds, 1)} s)` },
      ];

      // 3. Calls per batch of 500: the request, then the effects it causes (drained).
      let fresh = 0;
      const batchBody = (prefix: string) => ({ items: Array.from({ length: BATCH }, (_, i) => input(prefix, fresh + i)) });
      const counted = async (label: string, body: unknown) => {
        await stack.settle(120_000);
        counter.start();
        const answer = await call('POST', '/v1/appeals/batch', body);
        await stack.settle(120_000);
        const counts = counter.stop();
        return {
          request: `${label}: ${answer.accepted} accepted, ${answer.duplicates} duplicates`,
          'request calls': callsOf(counts, 'request'),
          'request operations': describeOps(counts, 'request'),
          'effects calls': callsOf(counts, 'effects'),
          'effects operations': describeOps(counts, 'effects'),
          'feeder calls': callsOf(counts, 'feeder'),
        };
      };
      const newBatch = batchBody('C');
      const callRows: Row[] = [await counted(`POST /v1/appeals/batch: ${BATCH} new appeals`, newBatch), await counted(`the same ${BATCH} again (all duplicates)`, newBatch)];
      fresh += BATCH;

      // 1. Ingestion, effects held while timed and drained after each round.
      const ingestion = { appeals: 0, ms: 0, drainMs: 0, byRound: [] as number[] };
      const rawWrites = newWriteTally();
      let rawNext = 0;
      const runIngestion = async () => {
        const batches = Array.from({ length: BATCHES_PER_ROUND }, () => {
          const body = batchBody('I');
          fresh += BATCH;
          return body;
        });
        await pauseEffects(stack);
        const t0 = performance.now();
        let next = 0;
        const sender = async () => {
          while (next < batches.length) {
            const batch = batches[next]!;
            next += 1;
            const answer = await call('POST', '/v1/appeals/batch', batch);
            if (answer.accepted !== BATCH) throw new Error(`batch accepted ${answer.accepted} of ${BATCH}`);
          }
        };
        await Promise.all(Array.from({ length: BATCH_CONCURRENCY }, sender));
        const ms = performance.now() - t0;
        stack.effects.resume();
        ingestion.drainMs += await timedSettle(stack);
        ingestion.appeals += BATCHES_PER_ROUND * BATCH;
        ingestion.ms += ms;
        ingestion.byRound.push(round((BATCHES_PER_ROUND * BATCH) / (ms / 1000), 0));
      };
      const runRaw = async () => {
        const items = Array.from({ length: BATCHES_PER_ROUND * BATCH }, (_, i) => appealItem(stored('R', rawNext + i, 'raw')));
        rawNext += items.length;
        await timedWriteItems(raw, tableName(), items, BATCH_CONCURRENCY * ADAPTER_WRITERS, rawWrites);
      };
      const before = (await call('GET', '/v1/appeal-counters?quarter=2026-Q3')).total as number;
      for (let index = 0; index < INGEST_ROUNDS; index += 1) {
        for (const run of index % 2 === 0 ? [runIngestion, runRaw] : [runRaw, runIngestion]) await run();
      }
      const after = (await call('GET', '/v1/appeal-counters?quarter=2026-Q3')).total as number;
      if (after - before !== ingestion.appeals) throw new Error(`counters grew by ${after - before}, ${ingestion.appeals} appeals were ingested`);
      const appealsPerSec = ingestion.appeals / (ingestion.ms / 1000);
      const rawPerSec = rawWrites.items / (rawWrites.ms / 1000);

      return [
        {
          title: `ingestion: batches of ${BATCH} new appeals, ${BATCH_CONCURRENCY} at a time, ${INGEST_ROUNDS} rounds of ${BATCHES_PER_ROUND} (effects held while timed)`,
          rows: [
            { target: 'POST /v1/appeals/batch (local HTTP)', appeals: ingestion.appeals, 'appeals/s': round(appealsPerSec, 0), 'by round': ingestion.byRound.join(' / ') },
            { target: `BatchWriteItem of as many appeal items (raw SDK, ${BATCH_CONCURRENCY * ADAPTER_WRITERS} calls in flight)`, appeals: rawWrites.items, 'appeals/s': round(rawPerSec, 0), 'by round': rawWrites.byRound.join(' / ') },
            { target: 'ratio ingestion appeals/s ÷ raw items/s (goal ≥ 0.5)', appeals: null, 'appeals/s': ratio(appealsPerSec, rawPerSec), 'by round': null },
            { target: `effects of those batches, drained after each round: ${round(ingestion.appeals / (ingestion.drainMs / 1000), 0)} appeals counted/s (${round(ingestion.drainMs / 1000, 1)} s; counters grew by ${after - before})` },
          ],
        },
        { title: 'the quarter’s counters, read while 10k and 100k appeals are counted', rows: readRows },
        { title: `DynamoDB calls per batch of ${BATCH} (request path, the effects, the local feeder; the authorizer apart)`, rows: callRows },
      ];
    } finally {
      counter.dispose();
      http.close();
      raw.destroy();
    }
  },
};
