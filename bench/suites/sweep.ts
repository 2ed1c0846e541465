import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ratio, round } from '../lib/stats.ts';
import { benchStack } from '../lib/stack.ts';
import type { Row, Suite } from '../lib/types.ts';

/**
 * The deadline sweep's cost must follow what is due, not what is stored: it is timed with 100
 * due deadlines alone (median of 3 sweeps), then the same with 100,000 open deadlines whose
 * notices are not due yet (all in the same sparse index). Each due deadline sends one reminder
 * through the outbox (SES emulator) — the real work of the sweep.
 */
const DUE = 100;
const NOT_DUE = 100_000;
const BATCH = 25;
const WRITERS = 8;

export const sweepSuite: Suite = {
  name: 'sweep',
  description: `deadline sweep: ${DUE} due deadlines alone vs ${DUE} due + ${NOT_DUE.toLocaleString('en')} open not-due deadlines (ratio goal: close to 1)`,
  async run(): Promise<Row[]> {
    const stack = await benchStack();
    const { dynamo, tableName } = await import('#adapters/dynamo.ts');
    const { DUE_PARTITION } = await import('#adapters/deadline-store.ts');
    const { sweepDeadlines } = await import('#domain/deadlines/monitor-deadlines.ts');
    const { monitorPorts } = await import('#adapters/effects-composition.ts');
    const { setClock } = await import('#adapters/clock.ts');
    const admin = { authorization: `Bearer ${stack.adminKey}` };
    const bodies = (await (await fetch(`${stack.url}/v1/bodies?kind=local_executive_body`, { headers: admin })).json()) as {
      items: { id: string }[];
    };
    const bodyId = bodies.items[0]?.id;
    if (bodyId === undefined) throw new Error('no demo body');

    const now = new Date('2026-06-10T09:00:00+05:00');
    setClock(now);
    const item = (id: string, noticeAt: string) => {
      const deadline = {
        id,
        subject: { type: 'acceptance', id: `acc-bench-${id}`, bodyId, serviceCode: 'BENCH', serviceName: { kk: 'Қызмет', ru: 'Услуга' } },
        key: 'submitInformation',
        cite: '§5',
        rulebookId: 'kz-gov-797-2013',
        party: 'body',
        from: '2026-06-05T10:00:00.000Z',
        dueDate: '2026-06-11',
        dueAt: '2026-06-11T23:59:59.999+05:00',
        derivation: [],
        status: 'open',
        stages: { reminder: noticeAt, breach: '2026-06-11T19:00:00.000Z' },
        notices: {},
        createdAt: '2026-06-05T10:00:00.000Z',
        version: 1,
      };
      return {
        pk: `DEADLINE#${id}`,
        sk: 'DEADLINE',
        entity: 'MonitoredDeadline',
        ...deadline,
        gsi1pk: `DEADLINES#${bodyId}`,
        gsi1sk: `open#${deadline.dueAt}#${id}`,
        gsi2pk: 'DEADLINES#open',
        gsi2sk: `${deadline.dueAt}#${id}`,
        duePk: DUE_PARTITION,
        dueSk: `${noticeAt}#${id}`,
      };
    };
    const writeAll = async (items: Record<string, unknown>[]) => {
      let next = 0;
      const writer = async () => {
        while (next < items.length) {
          const batch = items.slice(next, next + BATCH);
          next += BATCH;
          let request: Record<string, unknown[]> | undefined = { [tableName()]: batch.map((Item) => ({ PutRequest: { Item } })) };
          for (let attempt = 0; request !== undefined && attempt < 10; attempt += 1) {
            const result: { UnprocessedItems?: Record<string, unknown[]> } = await dynamo().send(
              new BatchWriteCommand({ RequestItems: request as never }),
            );
            const unprocessed: unknown[] | undefined = result.UnprocessedItems?.[tableName()];
            request = unprocessed && unprocessed.length > 0 ? { [tableName()]: unprocessed } : undefined;
          }
        }
      };
      await Promise.all(Array.from({ length: WRITERS }, writer));
    };
    const dueAt = '2026-06-10T03:00:00.000Z'; // 08:00 Almaty: due at the 09:00 sweep
    const notDueAt = '2026-06-20T04:00:00.000Z';
    const timeSweep = async () => {
      const t0 = performance.now();
      const result = await sweepDeadlines(monitorPorts());
      return { ms: performance.now() - t0, ...result };
    };

    const ROUNDS = 3;
    const sweeps = async (label: string) => {
      const runs = [];
      for (let round = 0; round < ROUNDS; round += 1) {
        await writeAll(Array.from({ length: DUE }, (_, index) => item(`bench-${label}${round}-${index}`, dueAt)));
        const run = await timeSweep();
        if (run.notices !== DUE) throw new Error(`expected ${DUE} notices per sweep, got ${run.notices}`);
        runs.push(run);
      }
      const sorted = runs.map((run) => run.ms).sort((a, b) => a - b);
      return { median: sorted[Math.floor(ROUNDS / 2)] as number, all: runs.map((run) => round(run.ms, 0)).join(' / ') };
    };
    try {
      // Warm-up (imports, JIT, connections): one sweep that is not timed.
      await writeAll(Array.from({ length: DUE }, (_, index) => item(`bench-w-${index}`, dueAt)));
      await timeSweep();
      const alone = await sweeps('a');
      const t0 = performance.now();
      await writeAll(Array.from({ length: NOT_DUE }, (_, index) => item(`bench-n-${index}`, notDueAt)));
      const loadMs = performance.now() - t0;
      const crowded = await sweeps('c');
      return [
        { run: `${DUE} due alone`, 'not-due stored': 0, 'sweeps (ms)': alone.all, 'median ms': round(alone.median, 0), 'ms/due': round(alone.median / DUE, 2), ratio: 1 },
        {
          run: `${DUE} due + ${NOT_DUE} not due`,
          'not-due stored': NOT_DUE,
          'sweeps (ms)': crowded.all,
          'median ms': round(crowded.median, 0),
          'ms/due': round(crowded.median / DUE, 2),
          ratio: ratio(crowded.median, alone.median),
        },
        { run: `(loading ${NOT_DUE} records took ${round(loadMs / 1000, 1)} s)`, 'not-due stored': null, 'sweeps (ms)': null, 'median ms': null, 'ms/due': null, ratio: null },
      ];
    } finally {
      setClock(null);
    }
  },
};
