import type { AppealInput } from '#domain/appeals/appeal.ts';
import { SERVICE_STAGES } from '#domain/stages/service-stage.ts';
import { benchBin, newBodyInput, timedSettle } from '../lib/fixtures.ts';
import { expectStatus, httpClient, jsonOf } from '../lib/http.ts';
import { runPaced, summarize, type Phase } from '../lib/load.ts';
import { round } from '../lib/stats.ts';
import { benchStack, benchStore, rawDocumentClient } from '../lib/stack.ts';
import type { Row, Suite, Table } from '../lib/types.ts';
import { writeItems } from '../lib/write-items.ts';

/**
 * A generated peak hour at national volume (docs/capacity.md), replayed on the local stack
 * time-compressed (PEAK_COMPRESSION, default 30: the hour in 2 minutes), every stream open-loop
 * (runPaced: each request on its own schedule, so a stall shows as latency), the effects function
 * running beside them as in AWS:
 * - appeals: 20/s, pushed by the contact centre every 10 s (pushes of 200), a quarter of them
 *   answered with a stage (§15);
 * - stage look-ups by the operators for those: 5/s (§15);
 * - stage events: 2M a year, the peak hour 4× the average hour (~900), in pushes of 50 (§16);
 * - the quarter's counters read once a minute (a dashboard; §13–§14).
 * Complaints (50k a year, ~6 an hour) are left out: they do not load an hour.
 * Printed: each stream's planned and achieved rate, errors, latency; the effects' backlog after
 * the window and the time to drain it; whether the counters hold every accepted appeal.
 */
const COMPRESSION = Number(process.env.PEAK_COMPRESSION ?? 30);
const HOUR_MS = 3_600_000;
const APPEALS_PER_SEC = 20;
const APPEAL_PUSH = 200;
const LOOKUPS_PER_SEC = 5;
const STAGE_EVENTS_PER_HOUR = 900;
const STAGE_PUSH = 50;
const COUNTER_READS_PER_HOUR = 60;
const STORED_APPLICATIONS = 2_000;

export const peakHourSuite: Suite = {
  name: 'peak-hour',
  description: `a generated national peak hour (20 appeals/s in pushes of ${APPEAL_PUSH}, 5 stage look-ups/s, ${STAGE_EVENTS_PER_HOUR} stage events, counters read each minute) replayed ${COMPRESSION}× faster, effects running (${benchStore()})`,
  async run(): Promise<Table[]> {
    const stack = await benchStack();
    const raw = await rawDocumentClient(stack);
    const { tableName } = await import('#adapters/dynamo.ts');
    const { applicationItem, stageEventItem } = await import('#adapters/service-stage-store.ts');
    const http = httpClient(stack.url, 32);
    const auth = { authorization: `Bearer ${stack.adminKey}` };
    const call = async (method: string, path: string, body?: unknown, status = 200) =>
      jsonOf<Record<string, any>>(expectStatus(`${method} ${path}`, await http.send(method, path, auth, body === undefined ? undefined : JSON.stringify(body)), status));
    const bodies = Array.from({ length: 10 }, (_, i) => benchBin(7_601 + i));
    const provider = benchBin(7_650);
    const windowMs = HOUR_MS / COMPRESSION;
    const perWindow = (perHour: number) => (perHour * COMPRESSION) / 3_600;

    try {
      for (const id of bodies) await call('POST', '/v1/bodies', newBodyInput(id), 201);
      await call('POST', '/v1/bodies', { ...newBodyInput(provider), kind: 'service_provider' }, 201);
      // Applications the operators look up: stored straight, 3 stages each.
      const items = Array.from({ length: STORED_APPLICATIONS }, (_, index) => [
        applicationItem({ bodyId: provider, applicationNumber: `P-${index}`, serviceCode: '00301001', createdAt: '2026-06-01T00:00:00.000Z' }),
        ...[0, 1, 2].map((k) =>
          stageEventItem({
            bodyId: provider,
            applicationNumber: `P-${index}`,
            serviceCode: '00301001',
            stage: SERVICE_STAGES[k]!,
            occurredAt: new Date(Date.UTC(2026, 5, 1) + index * 60_000 + k * 3_600_000).toISOString(),
            recordedAt: '2026-06-01T00:00:00.000Z',
            recordedBy: 'bench',
          }),
        ),
      ]).flat();
      await writeItems(raw, tableName(), items);
      await stack.settle(120_000);
      const quarter = '2026-Q3';
      const before = (await call('GET', `/v1/appeal-counters?quarter=${quarter}`)).total as number;

      let appealSeq = 0;
      let accepted = 0;
      const appeal = (n: number): AppealInput => ({
        id: `H-${n}`,
        channel: n % 5 < 3 ? 'phone_1414' : (['chat', 'web', 'email', 'messenger'] as const)[n % 4]!,
        serviceCode: `00${String(300_000 + ((n * 7) % 400))}`,
        topic: `topic-${(n * 11) % 120}`,
        region: `region-${(n * 13) % 20}`,
        outcome: n % 4 === 0 ? 'stage_given' : (['consulted', 'complaint_procedure_explained', 'redirected'] as const)[n % 3]!,
        occurredAt: new Date(Date.UTC(2026, 8, 15, 5) + (n % 3_600) * 1_000).toISOString(),
        operator: `op-${n % 300}`,
        bodyId: bodies[(n * 17) % bodies.length]!,
      });
      const pushAppeals = async () => {
        const first = appealSeq;
        appealSeq += APPEAL_PUSH;
        const answer = await call('POST', '/v1/appeals/batch', { items: Array.from({ length: APPEAL_PUSH }, (_, i) => appeal(first + i)) });
        if (answer.accepted !== APPEAL_PUSH) throw new Error(`push accepted ${answer.accepted} of ${APPEAL_PUSH}`);
        accepted += answer.accepted;
      };
      const lookUp = async () => {
        await call('GET', `/v1/bodies/${provider}/applications/P-${Math.floor(Math.random() * STORED_APPLICATIONS)}`);
      };
      let stageSeq = 0;
      const pushStages = async () => {
        const first = stageSeq;
        stageSeq += STAGE_PUSH;
        const events = Array.from({ length: STAGE_PUSH }, (_, i) => ({
          applicationNumber: `N-${Math.floor((first + i) / 3)}`,
          serviceCode: '00301001',
          stage: SERVICE_STAGES[(first + i) % 3],
          occurredAt: new Date(Date.UTC(2026, 8, 15, 5) + (first + i) * 1_000).toISOString(),
        }));
        const answer = await call('POST', `/v1/bodies/${provider}/service-stages/batch`, { items: events });
        if (answer.rejected !== 0) throw new Error(`stage push rejected ${answer.rejected}`);
      };
      const readCounters = async () => {
        await call('GET', `/v1/appeal-counters?quarter=${quarter}`);
      };

      const streams = [
        { stream: `appeal pushes of ${APPEAL_PUSH} (${APPEALS_PER_SEC} appeals/s)`, perHour: (APPEALS_PER_SEC * 3_600) / APPEAL_PUSH, op: pushAppeals },
        { stream: 'stage look-ups (GET …/applications/{n})', perHour: LOOKUPS_PER_SEC * 3_600, op: lookUp },
        { stream: `stage-event pushes of ${STAGE_PUSH}`, perHour: STAGE_EVENTS_PER_HOUR / STAGE_PUSH, op: pushStages },
        { stream: 'counters read (GET /v1/appeal-counters)', perHour: COUNTER_READS_PER_HOUR, op: readCounters },
      ];
      const t0 = performance.now();
      const phases: Phase[] = await Promise.all(streams.map((stream) => runPaced(stream.op, { ratePerSec: perWindow(stream.perHour), maxDurationMs: windowMs })));
      const replayMs = performance.now() - t0;
      const { pendingCount } = await import('../lib/fixtures.ts');
      const backlog = await pendingCount();
      const drainMs = await timedSettle(stack);
      const after = (await call('GET', `/v1/appeal-counters?quarter=${quarter}`)).total as number;

      const rows: Row[] = streams.map((stream, index) => {
        const phase = phases[index]!;
        const result = summarize([phase]);
        return {
          stream: stream.stream,
          'per real hour': stream.perHour,
          'planned /s': round(perWindow(stream.perHour), 2),
          sent: phase.completed,
          errors: phase.errors,
          'achieved /s': round(phase.completed / (phase.durationMs / 1000), 2),
          'p50 ms': result.p50Ms,
          'p99 ms': result.p99Ms,
          'max ms': result.maxMs,
        };
      });
      const firstError = phases.find((phase) => phase.errors > 0)?.firstError;
      return [
        { title: `the hour replayed in ${round(replayMs / 1000, 1)} s (${COMPRESSION}× compressed; ${round((APPEALS_PER_SEC * COMPRESSION), 0)} appeals/s offered)`, rows },
        {
          title: 'what it held',
          rows: [
            { measure: 'appeals accepted in the window', value: accepted },
            { measure: `appeals counted in ${quarter} after the drain (goal: = accepted)`, value: after - before },
            { measure: 'items still pending effects when the window closed', value: backlog },
            { measure: 'time to drain them (s)', value: round(drainMs / 1000, 1) },
            { measure: 'first error', value: firstError === undefined ? '-' : String((firstError as Error).message ?? firstError).slice(0, 160) },
          ],
        },
      ];
    } finally {
      http.close();
      raw.destroy();
    }
  },
};
