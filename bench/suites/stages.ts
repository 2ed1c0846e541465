import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { SERVICE_STAGES, type StageEvent } from '#domain/stages/service-stage.ts';
import { installCallCounter, totalsOf, type CallCounts } from '../lib/calls.ts';
import { benchBin, newBodyInput } from '../lib/fixtures.ts';
import { expectStatus, httpClient, jsonOf } from '../lib/http.ts';
import { assertHealthy, runPhase, summarize, type LoadResult, type Phase } from '../lib/load.ts';
import { ratio, round } from '../lib/stats.ts';
import { benchStack, benchStore, rawDocumentClient } from '../lib/stack.ts';
import type { Row, Suite, Table } from '../lib/types.ts';
import { newWriteTally, timedWriteItems, writeItems } from '../lib/write-items.ts';
import { STAGE_EVENTS_PREFIX, applicationPartition } from '#adapters/table-keys.ts';

/**
 * §15–§16 service stages:
 * 1. GET /v1/bodies/{id}/applications/{n} (local HTTP: authorizer, handler, one Query) of a
 *    random stored application, with 1,000 stage events stored and again with 100,000 (5 an
 *    application), next to the raw Query the handler makes; goal: p99 flat (ratio ≈ 1). At 100k
 *    also among the same 200 applications as at 1k (the table's size apart from the spread of
 *    the keys). The events are written straight to the table as the adapter writes them.
 * 2. DynamoDB calls on the request path of one event, one look-up and batches of 500.
 * 3. POST …/service-stages/batch of 500 events (100 new applications × 5 stages, shuffled), two
 *    at a time, in events/s and items written/s, next to raw BatchWriteItem of the same items
 *    with as many calls in flight (2 × the adapter's 4 writers); rounds interleaved.
 * Client, server, handlers and dynalite share this process's event loop: compare ratios.
 */
const SMALL = 1_000;
const LARGE = 100_000;
const EVENTS_PER_APPLICATION = 5;
const LOOKUP_CONCURRENCY = 8;
const ROUNDS = 4;
const LOOKUP_PHASE = { concurrency: LOOKUP_CONCURRENCY, maxRequests: 1_000, maxDurationMs: 2_500 } as const;
const BATCH_EVENTS = 500;
const BATCHES_PER_ROUND = 10;
const BATCH_CONCURRENCY = 2;
const ADAPTER_WRITERS = 4;
const INGEST_ROUNDS = 3;

const lookupRow = (target: string, stored: number, among: number, result: LoadResult): Row => ({
  target,
  'events stored': stored,
  'looked up among': among,
  requests: result.requests,
  errors: result.errors,
  'req/s': result.reqPerSec,
  'p50 ms': result.p50Ms,
  'p99 ms': result.p99Ms,
  'max ms': result.maxMs,
});

const describeOps = (counts: CallCounts): string =>
  Object.entries(counts.bySource.request)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, calls]) => `${name} ${calls}`)
    .join(', ') || '-';

export const stagesSuite: Suite = {
  name: 'stages',
  description:
    `service-stage look-up p99 with ${SMALL.toLocaleString('en')} vs ${LARGE.toLocaleString('en')} events stored (goal: flat), next to the raw Query; ` +
    `DynamoDB calls per event, look-up and batch; batch ingestion (${BATCH_EVENTS} events, ${BATCH_CONCURRENCY} at a time) vs raw BatchWriteItem (${benchStore()})`,
  async run(): Promise<Table[]> {
    const stack = await benchStack();
    const raw = await rawDocumentClient(stack);
    const { tableName } = await import('#adapters/dynamo.ts');
    const { applicationItem, stageEventItem } = await import('#adapters/service-stage-store.ts');
    const http = httpClient(stack.url, Math.max(LOOKUP_CONCURRENCY, BATCH_CONCURRENCY));
    const auth = { authorization: `Bearer ${stack.adminKey}` };
    const bodyId = benchBin(7_401);
    const call = async (method: string, path: string, body?: unknown, status = 200) =>
      jsonOf<Record<string, any>>(expectStatus(`${method} ${path}`, await http.send(method, path, auth, body === undefined ? undefined : JSON.stringify(body)), status));
    const counter = await installCallCounter();

    // Application `prefix-i`, event k: stage k of the life, k hours after its start.
    const start = Date.UTC(2026, 0, 12, 4);
    const eventOf = (number: string, index: number, k: number): StageEvent => ({
      bodyId,
      applicationNumber: number,
      serviceCode: '00301001',
      stage: SERVICE_STAGES[k] as StageEvent['stage'],
      occurredAt: new Date(start + index * 60_000 + k * 3_600_000).toISOString(),
      note: 'Документы переданы исполнителю',
      recordedAt: '2026-06-01T00:00:00.000Z',
      recordedBy: 'bench',
    });
    const storedItems = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, offset) => {
        const index = from + offset;
        const number = `L-${index}`;
        return [
          applicationItem({ bodyId, applicationNumber: number, serviceCode: '00301001', createdAt: '2026-06-01T00:00:00.000Z' }),
          ...Array.from({ length: EVENTS_PER_APPLICATION }, (_, k) => stageEventItem(eventOf(number, index, k))),
        ];
      }).flat();

    const lookUpPath = (applications: number) => `/v1/bodies/${bodyId}/applications/L-${Math.floor(Math.random() * applications)}`;
    const lookUp = (applications: number) => async () => {
      const response = await http.send('GET', lookUpPath(applications), auth);
      if (response.status !== 200) throw new Error(`look-up: ${response.status} ${response.body.slice(0, 200)}`);
    };
    const rawQuery = (applications: number) => async () => {
      await raw.send(
        new QueryCommand({
          TableName: tableName(),
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :stage)',
          ExpressionAttributeValues: { ':pk': applicationPartition(bodyId, `L-${Math.floor(Math.random() * applications)}`), ':stage': STAGE_EVENTS_PREFIX },
          ScanIndexForward: false,
          Limit: 101,
          ConsistentRead: true,
        }),
      );
    };
    const measureLookUps = async (applications: number) => {
      const targets = [
        { label: 'GET …/applications/{n} (local HTTP)', op: lookUp(applications), phases: [] as Phase[] },
        { label: 'Query of the partition (raw SDK)', op: rawQuery(applications), phases: [] as Phase[] },
      ];
      for (const target of targets) assertHealthy(`${target.label} warm-up`, await runPhase(target.op, LOOKUP_PHASE));
      for (let index = 0; index < ROUNDS; index += 1) {
        for (const target of index % 2 === 0 ? targets : [...targets].reverse()) {
          const phase = await runPhase(target.op, LOOKUP_PHASE);
          assertHealthy(target.label, phase);
          target.phases.push(phase);
        }
      }
      return targets.map((target) => ({ label: target.label, result: summarize(target.phases) }));
    };

    try {
      await call('POST', '/v1/bodies', { ...newBodyInput(bodyId), kind: 'service_provider' }, 201);
      // The demo data's and the body's effects finish first: they would share the event loop with the first look-ups.
      await stack.settle(120_000);

      // 1. Look-ups, small table then large.
      const smallApplications = SMALL / EVENTS_PER_APPLICATION;
      const largeApplications = LARGE / EVENTS_PER_APPLICATION;
      await writeItems(raw, tableName(), storedItems(0, smallApplications));
      const probe = await call('GET', `/v1/bodies/${bodyId}/applications/L-0`);
      if (probe.history.length !== EVENTS_PER_APPLICATION || probe.current.stage !== SERVICE_STAGES[EVENTS_PER_APPLICATION - 1]) {
        throw new Error(`look-up of L-0 answered ${JSON.stringify(probe).slice(0, 300)}`);
      }
      // A first pass, discarded: in a fresh process the first thousands of look-ups run slower (JIT, the store's caches).
      await measureLookUps(smallApplications);
      const small = await measureLookUps(smallApplications);
      const loadStarted = performance.now();
      await writeItems(raw, tableName(), storedItems(smallApplications, largeApplications));
      const loadSeconds = (performance.now() - loadStarted) / 1000;
      const large = await measureLookUps(largeApplications);
      // The same 200 applications as at 1k: tells the table's size from the spread of the keys looked up.
      const largeHot = await measureLookUps(smallApplications);
      const [httpSmall, rawSmall] = small.map((entry) => entry.result) as [LoadResult, LoadResult];
      const [httpLarge, rawLarge] = large.map((entry) => entry.result) as [LoadResult, LoadResult];
      const [httpHot, rawHot] = largeHot.map((entry) => entry.result) as [LoadResult, LoadResult];
      const ratioRow = (target: string, a: LoadResult, b: LoadResult): Row => ({ target, 'req/s': ratio(a.reqPerSec, b.reqPerSec), 'p50 ms': ratio(a.p50Ms, b.p50Ms), 'p99 ms': ratio(a.p99Ms, b.p99Ms) });
      const [httpLabel, rawLabel] = small.map((entry) => entry.label) as [string, string];
      const lookUpRows: Row[] = [
        lookupRow(httpLabel, SMALL, smallApplications, httpSmall),
        lookupRow(httpLabel, LARGE, largeApplications, httpLarge),
        lookupRow(httpLabel, LARGE, smallApplications, httpHot),
        lookupRow(rawLabel, SMALL, smallApplications, rawSmall),
        lookupRow(rawLabel, LARGE, largeApplications, rawLarge),
        lookupRow(rawLabel, LARGE, smallApplications, rawHot),
        ratioRow(`ratio HTTP ${LARGE / 1000}k / ${SMALL / 1000}k (goal ≈ 1)`, httpLarge, httpSmall),
        ratioRow(`ratio raw Query ${LARGE / 1000}k / ${SMALL / 1000}k`, rawLarge, rawSmall),
        ratioRow(`ratio HTTP / raw Query at ${SMALL / 1000}k`, httpSmall, rawSmall),
        ratioRow(`ratio HTTP / raw Query at ${LARGE / 1000}k`, httpLarge, rawLarge),
      ];
      lookUpRows.push({ target: `(loading ${(LARGE - SMALL).toLocaleString('en')} more events and their applications: ${round(loadSeconds, 1)} s)` });

      // 2. Calls on the request path (the authorizer's key look-up and anything else counted apart).
      const counted = async (label: string, send: () => Promise<unknown>) => {
        counter.start();
        await send();
        const counts = counter.stop();
        return { 'request': label, 'DynamoDB calls': totalsOf(counts, 'request').dynamodb, operations: describeOps(counts), 'authorizer calls': totalsOf(counts, 'authorizer').dynamodb };
      };
      const batchOf = (applications: (i: number) => string, stage: (i: number) => number) => ({
        items: Array.from({ length: BATCH_EVENTS }, (_, i) => ({
          applicationNumber: applications(i),
          serviceCode: '00301001',
          stage: SERVICE_STAGES[stage(i)],
          occurredAt: new Date(start + i * 1_000 + 86_400_000 * 30).toISOString(),
        })),
      });
      const callRows = [
        await counted('POST …/service-stages (one new event)', () => call('POST', `/v1/bodies/${bodyId}/service-stages`, { applicationNumber: 'C-1', serviceCode: '00301001', stage: 'received', occurredAt: '2026-03-02T10:00:00Z' }, 201)),
        await counted('POST …/service-stages (the same event: duplicate)', () => call('POST', `/v1/bodies/${bodyId}/service-stages`, { applicationNumber: 'C-1', serviceCode: '00301001', stage: 'received', occurredAt: '2026-03-02T10:00:00Z' }, 200)),
        await counted(`GET …/applications/{n} (${LARGE.toLocaleString('en')} stored)`, () => call('GET', `/v1/bodies/${bodyId}/applications/L-4242`)),
        await counted(`POST …/batch: ${BATCH_EVENTS} events of ${BATCH_EVENTS} new applications`, () => call('POST', `/v1/bodies/${bodyId}/service-stages/batch`, batchOf((i) => `N-${i}`, () => 0))),
        await counted(`POST …/batch: ${BATCH_EVENTS} events of 100 stored applications`, () => call('POST', `/v1/bodies/${bodyId}/service-stages/batch`, batchOf((i) => `L-${i % 100}`, (i) => 1 + (i % 4)))),
        await counted(`POST …/batch: the same ${BATCH_EVENTS} again (all duplicates)`, () => call('POST', `/v1/bodies/${bodyId}/service-stages/batch`, batchOf((i) => `L-${i % 100}`, (i) => 1 + (i % 4)))),
      ];

      // 3. Ingestion: each round new applications, every stage of each, in shuffled order.
      let nextApplication = 0;
      const ingestBatch = () => {
        const base = nextApplication;
        nextApplication += BATCH_EVENTS / EVENTS_PER_APPLICATION;
        const items = Array.from({ length: BATCH_EVENTS }, (_, i) => {
          const index = base + Math.floor(i / EVENTS_PER_APPLICATION);
          const { bodyId: _body, recordedAt: _at, recordedBy: _by, ...input } = eventOf(`I-${index}`, index, i % EVENTS_PER_APPLICATION);
          return input;
        });
        return { items: items.map((item, i) => ({ item, order: (i * 7919) % BATCH_EVENTS })).sort((a, b) => a.order - b.order).map(({ item }) => item) };
      };
      const ingestion = { events: 0, items: 0, ms: 0, byRound: [] as number[] };
      const rawWrites = newWriteTally();
      let rawApplication = 0;
      const runIngestion = async () => {
        const batches = Array.from({ length: BATCHES_PER_ROUND }, ingestBatch);
        const t0 = performance.now();
        let next = 0;
        const sender = async () => {
          while (next < batches.length) {
            const batch = batches[next] as ReturnType<typeof ingestBatch>;
            next += 1;
            const answer = await call('POST', `/v1/bodies/${bodyId}/service-stages/batch`, batch);
            if (answer.accepted !== BATCH_EVENTS) throw new Error(`batch accepted ${answer.accepted} of ${BATCH_EVENTS}`);
          }
        };
        await Promise.all(Array.from({ length: BATCH_CONCURRENCY }, sender));
        const ms = performance.now() - t0;
        const events = BATCHES_PER_ROUND * BATCH_EVENTS;
        ingestion.events += events;
        ingestion.items += events + events / EVENTS_PER_APPLICATION;
        ingestion.ms += ms;
        ingestion.byRound.push(round(events / (ms / 1000), 0));
      };
      const runRaw = async () => {
        const applications = (BATCHES_PER_ROUND * BATCH_EVENTS) / EVENTS_PER_APPLICATION;
        const items = Array.from({ length: applications }, (_, offset) => {
          const index = rawApplication + offset;
          const number = `R-${index}`;
          return [
            applicationItem({ bodyId, applicationNumber: number, serviceCode: '00301001', createdAt: '2026-06-01T00:00:00.000Z' }),
            ...Array.from({ length: EVENTS_PER_APPLICATION }, (_, k) => stageEventItem(eventOf(number, index, k))),
          ];
        }).flat();
        rawApplication += applications;
        await timedWriteItems(raw, tableName(), items, BATCH_CONCURRENCY * ADAPTER_WRITERS, rawWrites);
      };
      for (let index = 0; index < INGEST_ROUNDS; index += 1) {
        for (const run of index % 2 === 0 ? [runIngestion, runRaw] : [runRaw, runIngestion]) await run();
      }
      const ingestEventsPerSec = ingestion.events / (ingestion.ms / 1000);
      const ingestItemsPerSec = ingestion.items / (ingestion.ms / 1000);
      const rawItemsPerSec = rawWrites.items / (rawWrites.ms / 1000);

      return [
        { title: 'look-up of one application (5 events), random among those stored', rows: lookUpRows },
        { title: 'DynamoDB calls per request (request path; the authorizer apart)', rows: callRows },
        {
          title: `ingestion: batches of ${BATCH_EVENTS} (100 new applications × 5 stages, shuffled), ${BATCH_CONCURRENCY} at a time, ${INGEST_ROUNDS} rounds of ${BATCHES_PER_ROUND}`,
          rows: [
            { target: 'POST …/service-stages/batch (local HTTP)', events: ingestion.events, 'events/s': round(ingestEventsPerSec, 0), 'items written/s': round(ingestItemsPerSec, 0), 'by round (events/s)': ingestion.byRound.join(' / ') },
            { target: `BatchWriteItem of the same items (raw SDK, ${BATCH_CONCURRENCY * ADAPTER_WRITERS} calls in flight)`, events: null, 'events/s': null, 'items written/s': round(rawItemsPerSec, 0), 'by round (items/s)': rawWrites.byRound.join(' / ') },
            { target: 'ratio ingestion items/s ÷ raw items/s', events: null, 'events/s': null, 'items written/s': ratio(ingestItemsPerSec, rawItemsPerSec) },
          ],
        },
      ];
    } finally {
      counter.dispose();
      http.close();
      raw.destroy();
    }
  },
};
