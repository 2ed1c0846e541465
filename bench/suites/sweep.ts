import { installCallCounter, totalsOf } from '../lib/calls.ts';
import { ratio, round } from '../lib/stats.ts';
import { benchStack } from '../lib/stack.ts';
import type { Suite, Table } from '../lib/types.ts';
import { writeItems } from '../lib/write-items.ts';
import { deadlineIndexKeys, deadlineKey } from '#adapters/table-keys.ts';

/**
 * The deadline sweep's cost must follow what is due, not what is stored: it is timed with 100
 * due deadlines alone (median of 3 sweeps), with 1,000 due alone (goal: ≤ 12× the time of 100),
 * then 100 due with 100,000 open deadlines whose notices are not due yet (all in the same sparse
 * index; goal: ratio ≤ 1.2). Each due deadline sends one reminder through the outbox (SES
 * emulator) — the real work of the sweep. A counted sweep of 100 more prints the sweep's own
 * DynamoDB calls per due deadline (goal ≤ 3), apart from the effects its writes cause.
 */
const DUE = 100;
const MANY_DUE = 1_000;
const NOT_DUE = 100_000;

export const sweepSuite: Suite = {
  name: 'sweep',
  description: `deadline sweep: ${DUE} due deadlines alone vs ${DUE} due + ${NOT_DUE.toLocaleString('en')} open not-due deadlines (ratio goal: close to 1)`,
  async run(): Promise<Table[]> {
    const stack = await benchStack();
    const { dynamo, tableName } = await import('#adapters/dynamo.ts');
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
        ...deadlineKey(id),
        entity: 'MonitoredDeadline',
        ...deadline,
        ...deadlineIndexKeys({ id, bodyId, status: 'open', dueAt: deadline.dueAt, breached: false, nextNotice: noticeAt }),
      };
    };
    const writeAll = (items: Record<string, unknown>[]) => writeItems(dynamo(), tableName(), items);
    const dueAt = '2026-06-10T03:00:00.000Z'; // 08:00 Almaty: due at the 09:00 sweep
    const notDueAt = '2026-06-20T04:00:00.000Z';
    const timeSweep = async () => {
      const t0 = performance.now();
      const result = await sweepDeadlines(monitorPorts());
      return { ms: performance.now() - t0, ...result };
    };

    const ROUNDS = 3;
    const sweeps = async (label: string, count = DUE) => {
      const runs = [];
      for (let round = 0; round < ROUNDS; round += 1) {
        await writeAll(Array.from({ length: count }, (_, index) => item(`bench-${label}${round}-${index}`, dueAt)));
        await stack.settle(600_000); // the previous sweep's e-mails are out: each sweep is timed alone
        const run = await timeSweep();
        if (run.notices !== count) throw new Error(`expected ${count} notices per sweep, got ${run.notices}`);
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
      const many = await sweeps('m', MANY_DUE);
      // Counted apart (capturing stacks is slow): the sweep's own calls, not the effects' ones.
      const counter = await installCallCounter();
      let perDue: { dynamodb: number; operations: string };
      try {
        await writeAll(Array.from({ length: DUE }, (_, index) => item(`bench-k-${index}`, dueAt)));
        await stack.settle(600_000);
        counter.start();
        const counted = await sweepDeadlines(monitorPorts());
        const counts = counter.stop();
        if (counted.notices !== DUE) throw new Error(`expected ${DUE} notices in the counted sweep, got ${counted.notices}`);
        perDue = {
          dynamodb: totalsOf(counts, 'request').dynamodb / DUE,
          operations: Object.entries(counts.bySource.request).map(([operation, calls]) => `${operation} ${calls}`).join(', '),
        };
      } finally {
        counter.dispose();
      }
      const t0 = performance.now();
      await writeAll(Array.from({ length: NOT_DUE }, (_, index) => item(`bench-n-${index}`, notDueAt)));
      const loadMs = performance.now() - t0;
      const crowded = await sweeps('c');
      const row = (run: string, stored: number, due: number, result: { median: number; all: string }, against: { median: number }) => ({
        run,
        'not-due stored': stored,
        'sweeps (ms)': result.all,
        'median ms': round(result.median, 0),
        'ms/due': round(result.median / due, 2),
        ratio: ratio(result.median, against.median),
      });
      return [
        {
          title: 'time (median of 3 sweeps; ratio to 100 due alone)',
          rows: [
            row(`${DUE} due alone`, 0, DUE, alone, alone),
            row(`${MANY_DUE.toLocaleString('en')} due alone (goal ≤ 12)`, 0, MANY_DUE, many, alone),
            row(`${DUE} due + ${NOT_DUE.toLocaleString('en')} not due (goal ≤ 1.2)`, NOT_DUE, DUE, crowded, alone),
            { run: `(loading ${NOT_DUE} records took ${round(loadMs / 1000, 1)} s)`, 'not-due stored': null, 'sweeps (ms)': null, 'median ms': null, 'ms/due': null, ratio: null },
          ],
        },
        {
          title: `the sweep's own DynamoDB calls (${DUE} due deadlines; goal ≤ 3 per due deadline)`,
          rows: [{ 'calls per due deadline': round(perDue.dynamodb, 2), 'calls by operation': perDue.operations }],
        },
      ];
    } finally {
      setClock(null);
    }
  },
};
