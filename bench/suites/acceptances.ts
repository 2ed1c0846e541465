import { randomUUID } from 'node:crypto';
import { BatchGetCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { acceptanceIndexKeys, acceptanceKey } from '#adapters/table-keys.ts';
import { KZ_SEED } from '#domain/calendar/kz-seed.ts';
import { AUTHORIZER_ENTRY } from '#http/routes.ts';
import { emptyCounts, installCallCounter, totalsOf, type CallCounts, type CallSource } from '../lib/calls.ts';
import {
  benchBin,
  clearStoredMails,
  newBodyInput,
  pauseEffects,
  pendingCount,
  responsiblePersonInput,
  SERVICE_NAME,
  sleep,
  storedMails,
  timedSettle,
} from '../lib/fixtures.ts';
import { assertLoopback, expectStatus, httpClient, jsonOf, resetRetries, retryOnceOnReset, type HttpResponseData } from '../lib/http.ts';
import { assertHealthy, runPhase, summarize, type LoadResult, type Phase } from '../lib/load.ts';
import { median, percentileSorted, ratio, round } from '../lib/stats.ts';
import { benchStack, benchStore, rawDocumentClient } from '../lib/stack.ts';
import type { Row, Suite } from '../lib/types.ts';

/**
 * Commands commit one DynamoDB write and answer; their effects (audit log, projections,
 * deadlines and schedules, SES e-mail) run afterwards in the effects function, which the bench's
 * dynalite stack feeds from the pending index (polled every ~100 ms, one item at a time).
 *
 * 1. POST /v1/acceptances through the local API Gateway (HTTP server → authorizer → payload 2.0
 *    event → middy handler → one conditional PutItem) against a bare DocumentClient PutItem of a
 *    stored acceptance item, on the same dynalite, at concurrency 32; once with the effects
 *    feeder running during the phase (as deployed), once with it held during the phase (the
 *    request path alone); and the DynamoDB calls one POST makes replayed raw, in order, as one
 *    operation, with and without the authorizer's: the ceiling those calls allow. Between phases the effects
 *    are drained (settle(), untimed, reported).
 * 2. Time from the 201 to the request mail in the SES emulator, sequentially, against a raw SES
 *    SendEmail to the emulator.
 * 3. AWS calls per command, by route: on the request path (effects feeder held), and those its
 *    effects made (counted while settling), attributed by call stack (lib/calls.ts).
 * Client, server, handlers, effects, dynalite and the SES emulator share this process's event
 * loop: compare ratios, not absolutes.
 */
const CONCURRENCY = 32;
const WARMUP = { post: { maxRequests: 300, maxDurationMs: 5_000 }, put: { maxRequests: 1_500, maxDurationMs: 3_000 } } as const;
/** Per target: ROUNDS interleaved phases (in order, then reversed, …) of up to 2,000 requests or 2.5 s each. */
const ROUNDS = 4;
const PHASE = { concurrency: CONCURRENCY, maxRequests: 2_000, maxDurationMs: 2_500 } as const;
const GOAL_RATIO = 0.5;
/** Commit-to-mail samples, and the SES emulator poll interval. */
const MAIL_SAMPLES = 100;
const MAIL_POLL_MS = 5;
const MAIL_TIMEOUT_MS = 15_000;
/** Sequential commands per call-count scenario (distinct aggregates). */
const COUNTED = 20;
/** PUT /v1/calendars/KZ/2027 toggles a day and back (even: the year ends as seeded), one at a time. */
const CALENDAR_TOGGLES = 4;
const REQUEST_PATH_GOAL = 3;
const CAPTURE_NAME = 'benchCaptureRequestPath';
const TOGGLED_DAY = {
  date: '2027-11-17',
  kind: 'transfer-off',
  name: { kk: 'Демалыс күні', ru: 'Выходной день', en: 'Day off' },
  source: 'bench (toggled and restored)',
};

const resultRow = (target: string, result: LoadResult, drains: readonly number[], pendingAtEnd: readonly number[]): Row => ({
  target,
  requests: result.requests,
  errors: result.errors,
  'req/s': result.reqPerSec,
  'req/s by round': result.reqPerSecByPhase.join(' / '),
  'p50 ms': result.p50Ms,
  'p99 ms': result.p99Ms,
  'max ms': result.maxMs,
  'pending at end': pendingAtEnd.length === 0 ? null : pendingAtEnd.join(' / '),
  'drain ms by round': drains.length === 0 ? null : drains.map((ms) => round(ms, 0)).join(' / '),
});

const describeOps = (operations: Record<string, number>, runs: number): string =>
  Object.entries(operations)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, calls]) => `${name} ${round(calls / runs, 2)}`)
    .join(', ') || '-';

interface Target {
  label: string;
  op: () => Promise<void>;
  warmup: { maxRequests: number; maxDurationMs: number };
  /** Hold the effects feeder during the timed phase (drained after it). */
  holdEffects: boolean;
  /** Its phases leave effects to drain. */
  hasEffects: boolean;
  phases: Phase[];
  drains: number[];
  pendingAtEnd: number[];
}

export const acceptancesSuite: Suite = {
  name: 'acceptances',
  description:
    `POST /v1/acceptances via the local HTTP server (effects off the request path) vs raw DocumentClient PutItem of a stored ` +
    `acceptance item on the same store (${benchStore()}; BENCH_STORE=dynamodb-local for Amazon DynamoDB Local) (concurrency ${CONCURRENCY}; warm-up, then ${ROUNDS} interleaved rounds of ` +
    `${PHASE.maxRequests} requests or ${PHASE.maxDurationMs / 1000} s, pooled; effects drained between phases, untimed); ` +
    `commit → e-mail latency over ${MAIL_SAMPLES} sequential POSTs vs raw SES SendEmail; AWS calls per command by route`,
  async run() {
    if (process.env.SMTP_TRANSPORT?.trim()) {
      throw new Error('SMTP_TRANSPORT is set: the SES emulator would relay every e-mail; unset it to run this suite');
    }
    const stack = await benchStack();
    for (const endpoint of [stack.url, stack.dynamoEndpoint, stack.sesEndpoint]) assertLoopback(endpoint);
    const http = httpClient(stack.url, CONCURRENCY);
    const ses = httpClient(stack.sesEndpoint, 2);
    const documentClient = await rawDocumentClient(stack);
    const tableName = process.env.TABLE_NAME ?? 'ucc-interop';
    const auth = { authorization: `Bearer ${stack.adminKey}` };
    const resetsBefore = resetRetries.count;
    const { SESv2Client, SendEmailCommand } = await import('@aws-sdk/client-sesv2');
    const rawSes = new SESv2Client({
      region: process.env.AWS_REGION ?? 'us-east-1',
      endpoint: stack.sesEndpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    let counter: Awaited<ReturnType<typeof installCallCounter>> | undefined;

    try {
      const bodies = expectStatus('GET /v1/bodies', await http.send('GET', '/v1/bodies?kind=local_executive_body', auth), 200);
      const bodyId = jsonOf<{ items: { id: string }[] }>(bodies).items[0]?.id;
      if (bodyId === undefined) throw new Error('No local_executive_body in the demo data');

      const runTag = randomUUID().slice(0, 6);
      let serviceCounter = 0;
      const nextCode = (prefix = 'B') => `${prefix}${runTag}-${(serviceCounter += 1)}`;
      const postBody = (serviceCode = nextCode()) => JSON.stringify({ bodyId, serviceCode, serviceName: SERVICE_NAME });
      const post = (headers: Record<string, string> = {}, body = postBody()) =>
        http.send('POST', '/v1/acceptances', { ...auth, ...headers }, body);
      const created = (label: string, response: HttpResponseData) => jsonOf<{ id: string }>(expectStatus(label, response, 201)).id;

      // One checked POST; once its effects are done, its stored item is the raw PutItem's template.
      const probeId = created('POST /v1/acceptances', await post());
      await stack.settle();
      const { Item: stored } = await documentClient.send(
        new GetCommand({ TableName: tableName, Key: acceptanceKey(probeId), ConsistentRead: true }),
      );
      if (stored === undefined) throw new Error(`acceptance ${probeId} is not in ${tableName}`);
      // Without pending marks, or every copy would be picked up by the effects feeder.
      const { pendingEvents: _pe, outbox: _o, pendingPk: _pp, pendingSk: _ps, ...template } = stored;
      const templateBytes = Buffer.byteLength(JSON.stringify(template), 'utf8');
      let putCounter = 0;
      const copy = () => {
        const id = `acc-bench-${(putCounter += 1)}-${randomUUID()}`;
        return { ...template, ...acceptanceKey(id), id, ...acceptanceIndexKeys({ ...template, id } as never) };
      };

      // The DynamoDB calls one POST makes on the request path (authorizer included), captured with
      // the effects held, after a first POST has warmed the handler's caches: replayed raw below.
      const { dynamo } = await import('#adapters/dynamo.ts');
      const captured: { name: string; input: Record<string, unknown>; authorizer: boolean }[] = [];
      let capturing = false;
      const stackLimit = Error.stackTraceLimit;
      dynamo().middlewareStack.add(
        (next, context) => async (args) => {
          if (capturing) {
            Error.stackTraceLimit = 80;
            const authorizer = (new Error().stack ?? '').includes(`/${AUTHORIZER_ENTRY}`);
            Error.stackTraceLimit = stackLimit;
            captured.push({ name: context.commandName ?? 'unknown', input: structuredClone(args.input as Record<string, unknown>), authorizer });
          }
          return next(args);
        },
        { step: 'initialize', name: CAPTURE_NAME },
      );
      try {
        created('POST /v1/acceptances', await post());
        await stack.settle();
        await pauseEffects(stack);
        capturing = true;
        created('POST /v1/acceptances', await post());
      } finally {
        capturing = false;
        dynamo().middlewareStack.remove(CAPTURE_NAME);
        stack.effects.resume();
      }
      await stack.settle();
      const replay = captured.map(({ name, input, authorizer }) => {
        const call = replayOf(name, input);
        return { call, authorizer, label: name.replace(/Command$/, '').replace(/Item$/, '') };
      });
      function replayOf(name: string, input: Record<string, unknown>): () => Promise<unknown> {
        switch (name) {
          case 'GetItemCommand':
            return () => documentClient.send(new GetCommand(input as never));
          case 'BatchGetItemCommand':
            return () => documentClient.send(new BatchGetCommand(input as never));
          case 'QueryCommand':
            return () => documentClient.send(new QueryCommand(input as never));
          case 'PutItemCommand': {
            // The same item (pending events and outbox included) under a fresh key, without the
            // pending marks: the effects feeder must not pick the copies up.
            const { pendingPk: _pp2, pendingSk: _ps2, ...item } = input.Item as Record<string, unknown>;
            return () => {
              const id = `acc-replay-${(putCounter += 1)}-${randomUUID()}`;
              return documentClient.send(new PutCommand({ ...(input as Record<string, unknown>), Item: { ...item, pk: acceptanceKey(id).pk, id } } as never));
            };
          }
          default:
            throw new Error(`POST /v1/acceptances made a ${name} on its request path: the replay does not know it`);
        }
      }
      const handlerReplay = replay.filter((entry) => !entry.authorizer);
      const replayLabel = replay.map((entry) => `${entry.label}${entry.authorizer ? '(auth)' : ''}`).join(' → ');
      const handlerReplayLabel = handlerReplay.map((entry) => entry.label).join(' → ');

      // ---- 1. Throughput.
      const postOp = async () => {
        const response = await post();
        if (response.status !== 201) throw new Error(`status ${response.status}: ${response.body.slice(0, 200)}`);
      };
      const target = (label: string, op: () => Promise<void>, warmup: Target['warmup'], holdEffects: boolean, hasEffects: boolean): Target => ({
        label, op, warmup, holdEffects, hasEffects, phases: [], drains: [], pendingAtEnd: [],
      });
      const targets: Target[] = [
        target('POST /v1/acceptances (effects running)', postOp, WARMUP.post, false, true),
        target('POST /v1/acceptances (effects held in phase)', postOp, WARMUP.post, true, true),
        target('PutItem', async () => {
          await documentClient.send(new PutCommand({ TableName: tableName, Item: copy() }));
        }, WARMUP.put, false, false),
        target('replay', async () => {
          for (const entry of replay) await entry.call();
        }, WARMUP.post, false, false),
        target('replay (handler)', async () => {
          for (const entry of handlerReplay) await entry.call();
        }, WARMUP.post, false, false),
      ];
      const [postLive, postHeld, putTarget, replayTarget, handlerReplayTarget] = targets as [Target, Target, Target, Target, Target];
      for (const t of [postLive, putTarget, replayTarget, handlerReplayTarget]) {
        assertHealthy(`${t.label} (warm-up)`, await runPhase(retryOnceOnReset(t.op), { concurrency: CONCURRENCY, ...t.warmup }));
        await timedSettle(stack);
      }
      await clearStoredMails(ses);
      let postsSent = 0;
      for (let roundIndex = 0; roundIndex < ROUNDS; roundIndex += 1) {
        for (const t of roundIndex % 2 === 0 ? targets : [...targets].reverse()) {
          if (t.holdEffects) await pauseEffects(stack);
          const phase = await runPhase(t.op, PHASE);
          if (t.hasEffects) t.pendingAtEnd.push(await pendingCount());
          if (t.holdEffects) stack.effects.resume();
          // Not part of the phase: the effects it left are drained before the next one starts.
          const drainMs = await timedSettle(stack);
          if (t.hasEffects) {
            t.drains.push(drainMs);
            postsSent += phase.completed - phase.errors;
          }
          assertHealthy(t.label, phase, 0.01);
          t.phases.push(phase);
        }
      }
      const [live, held, puts, replayed, handlerReplayed] = [postLive, postHeld, putTarget, replayTarget, handlerReplayTarget].map((t) =>
        summarize(t.phases),
      ) as [LoadResult, LoadResult, LoadResult, LoadResult, LoadResult];
      const emailsPerPost = ratio((await storedMails(ses)).length, postsSent, 3);
      await clearStoredMails(ses);
      const liveRatio = ratio(live.reqPerSec, puts.reqPerSec, 3);
            const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
      const heldDrainRate = round(sum(postHeld.pendingAtEnd) / (sum(postHeld.drains) / 1000), 1);
      const liveDrainMsPerPost = round(sum(postLive.drains) / Math.max(1, sum(postLive.pendingAtEnd)), 2);
      const ratioRow = (label: string, numerator: LoadResult, denominator: LoadResult, note: string): Row => ({
        target: label,
        'req/s': ratio(numerator.reqPerSec, denominator.reqPerSec, 3),
        'req/s by round': numerator.reqPerSecByPhase.map((rps, index) => ratio(rps, denominator.reqPerSecByPhase[index] ?? Number.NaN, 3)).join(' / '),
        'p50 ms': ratio(numerator.p50Ms, denominator.p50Ms, 2),
        'p99 ms': ratio(numerator.p99Ms, denominator.p99Ms, 2),
        'max ms': ratio(numerator.maxMs, denominator.maxMs, 2),
        'pending at end': note,
      });
      const throughputRows: Row[] = [
        { ...resultRow(`${postLive.label}`, live, postLive.drains, postLive.pendingAtEnd), 'e-mails/POST': emailsPerPost },
        resultRow(`${postHeld.label}`, held, postHeld.drains, postHeld.pendingAtEnd),
        resultRow(`PutItem ${tableName} (raw SDK, ${templateBytes} B item)`, puts, [], []),
        resultRow(`one POST's DynamoDB calls replayed raw: ${replayLabel}`, replayed, [], []),
        resultRow(`the same without the authorizer's: ${handlerReplayLabel}`, handlerReplayed, [], []),
        ratioRow('ratio POST (effects running) / PutItem', live, puts, `goal req/s ratio ≥ ${GOAL_RATIO}: ${liveRatio >= GOAL_RATIO ? 'met' : 'NOT met'}`),
        ratioRow('ratio POST (effects held) / PutItem', held, puts, '(request path alone)'),
        ratioRow("ratio POST's calls replayed raw / PutItem", replayed, puts, 'the ceiling its DynamoDB calls alone allow'),
        ratioRow("ratio handler's calls replayed raw / PutItem", handlerReplayed, puts, 'the same ceiling with the authorizer cached (AWS)'),
        ratioRow("ratio POST (effects running) / its calls replayed", live, replayed, 'the rest: HTTP, authorizer, event, middy, domain'),
        {
          target: 'effects drain (after the held phases)',
          'req/s': heldDrainRate,
          'req/s by round': `acceptances/s finished by the effects feeder, alone; ${round(1000 / heldDrainRate, 2)} ms each`,
          'pending at end': `after running phases: ${liveDrainMsPerPost} ms of drain per item left`,
        },
      ];

      // ---- 2. Commit → e-mail.
      await stack.settle();
      await clearStoredMails(ses);
      const rawSend = (index: number) =>
        rawSes.send(
          new SendEmailCommand({
            FromEmailAddress: 'bench@ucc-interop.local',
            Destination: { ToAddresses: [`office-${index}@akimat.gov.kz`] },
            Content: {
              Simple: {
                Subject: { Data: `ЕКЦ 1414: запрос о приеме услуги на консультирование R${runTag}-${index}`, Charset: 'UTF-8' },
                Body: { Text: { Data: 'Единый контакт-центр (1414) запрашивает информацию. '.repeat(20), Charset: 'UTF-8' } },
              },
            },
          }),
        );
      for (let index = 0; index < 10; index += 1) await rawSend(index); // warm-up
      const rawSesMs: number[] = [];
      for (let index = 0; index < MAIL_SAMPLES; index += 1) {
        const t0 = performance.now();
        await rawSend(index);
        rawSesMs.push(performance.now() - t0);
      }
      await clearStoredMails(ses);
      const commitToMailMs: number[] = [];
      const postMs: number[] = [];
      for (let index = 0; index < MAIL_SAMPLES; index += 1) {
        const code = nextCode('M');
        const since = Math.floor(Date.now() / 1000) - 1;
        const t0 = performance.now();
        created('POST /v1/acceptances', await post({}, postBody(code)));
        const committed = performance.now();
        postMs.push(committed - t0);
        for (;;) {
          const mails = await storedMails(ses, since);
          if (mails.some((mail) => mail.subject.endsWith(` ${code}`))) break;
          if (performance.now() - committed > MAIL_TIMEOUT_MS) throw new Error(`No request mail for ${code} after ${MAIL_TIMEOUT_MS} ms`);
          await sleep(MAIL_POLL_MS);
        }
        commitToMailMs.push(performance.now() - committed);
        if (index % 20 === 19) {
          await stack.settle();
          await clearStoredMails(ses);
        }
      }
      const sorted = (values: number[]) => Float64Array.from(values).sort();
      const mailSorted = sorted(commitToMailMs);
      const rawSorted = sorted(rawSesMs);
      const latencyRows: Row[] = [
        {
          target: `commit → request mail in SES emulator (${MAIL_SAMPLES} sequential POSTs, poll ${MAIL_POLL_MS} ms)`,
          requests: MAIL_SAMPLES,
          'p50 ms': round(percentileSorted(mailSorted, 50), 1),
          'p99 ms': round(percentileSorted(mailSorted, 99), 1),
          'max ms': round(mailSorted[mailSorted.length - 1] ?? Number.NaN, 1),
          'pending at end': `POST itself p50 ${round(median(postMs), 1)} ms`,
        },
        {
          target: 'raw SES SendEmail to the emulator (baseline)',
          requests: MAIL_SAMPLES,
          'p50 ms': round(percentileSorted(rawSorted, 50), 2),
          'p99 ms': round(percentileSorted(rawSorted, 99), 2),
          'max ms': round(rawSorted[rawSorted.length - 1] ?? Number.NaN, 2),
        },
        {
          target: 'ratio commit → mail / raw SendEmail',
          'p50 ms': ratio(percentileSorted(mailSorted, 50), percentileSorted(rawSorted, 50), 1),
          'p99 ms': ratio(percentileSorted(mailSorted, 99), percentileSorted(rawSorted, 99), 1),
          'pending at end': 'the feeder polls the pending index every 100 ms',
        },
      ];

      // ---- 3. AWS calls per command.
      counter = await installCallCounter();
      const callCounter = counter;
      interface Measured {
        runs: number;
        request: CallCounts;
        effects: CallCounts;
        mailsBeforeSettle: number;
      }
      const merge = (into: CallCounts, from: CallCounts) => {
        for (const [source, operations] of Object.entries(from.bySource) as [CallSource, Record<string, number>][]) {
          for (const [name, calls] of Object.entries(operations)) into.bySource[source][name] = (into.bySource[source][name] ?? 0) + calls;
          into.scheduleRows[source] += from.scheduleRows[source];
        }
      };
      /** `batch`: all runs with the feeder held, then one settle; `each`: hold, run, settle per command (same aggregate). */
      const measure = async (runs: number, command: (index: number) => Promise<void>, mode: 'batch' | 'each' = 'batch'): Promise<Measured> => {
        await stack.settle();
        await clearStoredMails(ses);
        const request = emptyCounts();
        const effects = emptyCounts();
        let mailsBeforeSettle = 0;
        const cycles = mode === 'batch' ? [Array.from({ length: runs }, (_, index) => index)] : Array.from({ length: runs }, (_, index) => [index]);
        for (const indices of cycles) {
          await pauseEffects(stack);
          callCounter.start();
          for (const index of indices) await command(index);
          merge(request, callCounter.stop());
          mailsBeforeSettle += (await storedMails(ses)).length;
          callCounter.start();
          stack.effects.resume();
          await stack.settle(300_000);
          merge(effects, callCounter.stop());
          await clearStoredMails(ses);
        }
        return { runs, request, effects, mailsBeforeSettle };
      };
      const callRow = (label: string, m: Measured, note: string): Row => {
        const handler = totalsOf(m.request, 'request');
        const authorizer = totalsOf(m.request, 'authorizer');
        const stray = totalsOf(m.request, 'effects').dynamodb + totalsOf(m.request, 'feeder').dynamodb;
        const effects = totalsOf(m.effects, 'effects');
        const feeder = totalsOf(m.effects, 'feeder');
        const perRun = (value: number) => round(value / m.runs, 2);
        return {
          command: label,
          runs: m.runs,
          'request DDB/cmd': perRun(handler.dynamodb),
          [`goal ≤ ${REQUEST_PATH_GOAL}`]: handler.dynamodb / m.runs <= REQUEST_PATH_GOAL ? 'met' : 'NOT met',
          'request ops/cmd': describeOps(m.request.bySource.request, m.runs),
          'authorizer DDB/cmd': perRun(authorizer.dynamodb),
          'request SES/cmd': perRun(handler.ses + authorizer.ses),
          'request Scheduler/cmd': perRun(handler.scheduler + authorizer.scheduler + handler.scheduleRows + authorizer.scheduleRows),
          'mails before settle': m.mailsBeforeSettle,
          'effects DDB/cmd': perRun(effects.dynamodb),
          'effects ops/cmd': describeOps(
            Object.fromEntries(Object.entries(m.effects.bySource.effects).filter(([name]) => !name.includes(':'))),
            m.runs,
          ),
          'effects SES/cmd': perRun(effects.ses),
          'effects schedule rows/cmd': perRun(effects.scheduler + effects.scheduleRows),
          'feeder DDB/cmd (local only)': perRun(feeder.dynamodb),
          note: stray > 0 ? `INVALID: ${stray} effects calls during the request count; ${note}` : note,
        };
      };

      const acceptanceIds: string[] = [];
      const postCalls = await measure(COUNTED, async () => {
        acceptanceIds.push(created('POST /v1/acceptances', await post()));
      });
      if (totalsOf(postCalls.request, 'request').dynamodb === 0) {
        throw new Error("No DynamoDB calls counted for POST /v1/acceptances: the handlers do not use this process's dynamo() client");
      }
      const keyed = Array.from({ length: COUNTED }, () => ({ key: `bench-${randomUUID()}`, body: postBody() }));
      const keyedIds: string[] = [];
      const keyedCalls = await measure(COUNTED, async (index) => {
        const { key, body } = keyed[index]!;
        keyedIds.push(created('POST /v1/acceptances with Idempotency-Key', await post({ 'idempotency-key': key }, body)));
      });
      const replayCalls = await measure(COUNTED, async () => {
        const { key, body } = keyed[0]!;
        const response = expectStatus('POST /v1/acceptances replay', await post({ 'idempotency-key': key }, body), 201);
        if (response.headers['idempotent-replayed'] !== 'true') throw new Error('A replay was not answered from the idempotency record');
        if (jsonOf<{ id: string }>(response).id !== keyedIds[0]) throw new Error('A replay answered another acceptance');
      });
      const appointCalls = await measure(COUNTED, async (index) => {
        const id = acceptanceIds[index]!;
        const response = await http.send(
          'POST',
          `/v1/acceptances/${encodeURIComponent(id)}/responsible-person`,
          auth,
          JSON.stringify(responsiblePersonInput(index)),
        );
        expectStatus('POST /v1/acceptances/{id}/responsible-person', response, 200);
      });
      const bins = Array.from({ length: COUNTED }, (_, index) => benchBin(700_000 + index));
      const bodyCalls = await measure(COUNTED, async (index) => {
        const response = await http.send('POST', '/v1/bodies', auth, JSON.stringify(newBodyInput(bins[index]!)));
        expectStatus('POST /v1/bodies', response, 201);
      });
      const patchCalls = await measure(COUNTED, async (index) => {
        const response = await http.send('PATCH', `/v1/bodies/${bins[index]!}`, { ...auth, 'content-type': 'application/merge-patch+json' }, JSON.stringify({ region: 'Almaty' }));
        expectStatus('PATCH /v1/bodies/{id}', response, 200);
      });
      const seed2027 = KZ_SEED.find((year) => year.year === 2027);
      if (seed2027 === undefined) throw new Error('No 2027 in the calendar seed');
      const calendarCalls = await measure(
        CALENDAR_TOGGLES,
        async (index) => {
          const entries = index % 2 === 0 ? [...seed2027.entries, TOGGLED_DAY] : seed2027.entries;
          const response = expectStatus('PUT /v1/calendars/KZ/2027', await http.send('PUT', '/v1/calendars/KZ/2027', auth, JSON.stringify({ entries })), 200);
          const changed = jsonOf<{ changedDates: string[] }>(response).changedDates;
          if (changed.join() !== TOGGLED_DAY.date) throw new Error(`PUT /v1/calendars/KZ/2027 changed ${changed.join() || 'nothing'}`);
        },
        'each',
      );
      const getCalls = await measure(COUNTED, async (index) => {
        expectStatus('GET /v1/acceptances/{id}', await http.send('GET', `/v1/acceptances/${encodeURIComponent(acceptanceIds[index]!)}`, auth), 200);
      });
      counter.dispose();
      counter = undefined;

      const callRows: Row[] = [
        callRow('POST /v1/acceptances', postCalls, 'distinct serviceCode, no Idempotency-Key'),
        callRow('POST /v1/acceptances + Idempotency-Key', keyedCalls, 'first use of each key'),
        callRow('POST /v1/acceptances replay (same key)', replayCalls, 'answered from the idempotency record'),
        callRow('POST /v1/acceptances/{id}/responsible-person', appointCalls, 'distinct acceptances, effects of their opening finished'),
        callRow('POST /v1/bodies', bodyCalls, 'new BINs'),
        callRow('PATCH /v1/bodies/{id}', patchCalls, 'merge patch of region, distinct bodies'),
        callRow('PUT /v1/calendars/KZ/2027', calendarCalls, `one day toggled and back, settled after each; effects = recount (no open deadline in range)`),
        callRow('GET /v1/acceptances/{id} (a read, for scale)', getCalls, 'sequential'),
      ];
      const resets = resetRetries.count - resetsBefore;
      return [
        { title: 'throughput (concurrency 32)', rows: [...throughputRows, ...(resets > 0 ? [{ target: `(warm-up: ${resets} keep-alive reset(s) retried)` }] : [])] },
        { title: 'commit → e-mail', rows: latencyRows },
        {
          title: `AWS calls per command (request path: effects feeder held; effects: counted while settling; authorizer apart, cached by API Gateway in AWS)`,
          rows: callRows,
        },
      ];
    } finally {
      counter?.dispose();
      stack.effects.resume();
      http.close();
      ses.close();
      documentClient.destroy();
      rawSes.destroy();
    }
  },
};
