import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { benchBin, newBodyInput, SERVICE_NAME } from '../lib/fixtures.ts';
import { median, ratio, round } from '../lib/stats.ts';
import { benchStack, rawDocumentClient } from '../lib/stack.ts';
import type { Row, Suite } from '../lib/types.ts';
import { writeItems } from '../lib/write-items.ts';
import { acceptanceIndexKeys, acceptanceKey } from '#adapters/table-keys.ts';

/**
 * The overdue listings read through their indexes, so their cost follows the page, not the
 * table: GET /v1/acceptances?overdue=true (all bodies, and one body), paged 50 at a time
 * through all 101 overdue acceptances, timed
 * with 200 acceptances stored and again with 20,000 (the extra ones due later, so not overdue).
 * Goal: ≤ 1.5× the time at 20k. The acceptances are copies of one opened over HTTP, written
 * straight to the table with the index attributes their adapter writes.
 */
const SMALL = 200;
const LARGE = 20_000;
const OVERDUE = 100;
const PAGE = 50;
const ROUNDS = 15;

export const listsSuite: Suite = {
  name: 'lists',
  description: `overdue acceptance listings, every page of ${OVERDUE + 1} overdue acceptances (limit ${PAGE}), with ${SMALL} vs ${LARGE.toLocaleString('en')} stored (median of ${ROUNDS}; goal ≤ 1.5×)`,
  async run(): Promise<Row[]> {
    const stack = await benchStack();
    const raw = await rawDocumentClient(stack);
    const { tableName } = await import('#adapters/dynamo.ts');
    const auth = { authorization: `Bearer ${stack.adminKey}`, 'content-type': 'application/json' };
    const call = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${stack.url}${path}`, { method, headers: auth, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as Record<string, unknown>;
    };
    const bodyId = benchBin(7_301);
    await call('POST', '/v1/bodies', newBodyInput(bodyId));
    await call('POST', '/local/clock', { now: '2026-09-07T10:00:00+05:00' });
    const opened = await call('POST', '/v1/acceptances', { bodyId, serviceCode: 'LIST0', serviceName: SERVICE_NAME });
    await stack.settle(120_000);
    const template = (await raw.send(new GetCommand({ TableName: tableName(), Key: acceptanceKey(String(opened.id)) }))).Item;
    if (template === undefined) throw new Error('template acceptance not stored');

    const copy = (index: number, nextDueAt: string) => {
      const id = `acc-${bodyId}-${String(index).padStart(32, '0')}`;
      const state = { ...template, id, serviceCode: `L${index}`, nextDueAt, version: 1 };
      return { ...state, ...acceptanceKey(id), ...acceptanceIndexKeys(state as never) };
    };
    const writeAll = (items: Record<string, unknown>[]) => writeItems(raw, tableName(), items);

    const overdueDue = '2026-09-09T23:59:59.999+05:00';
    const laterDue = '2026-12-30T23:59:59.999+05:00';
    const pageThrough = async (path: string): Promise<{ ms: number; items: number }> => {
      const t0 = performance.now();
      let items = 0;
      let cursor: string | undefined;
      do {
        const page = await call('GET', `${path}&limit=${PAGE}${cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`}`);
        items += (page.items as unknown[]).length;
        cursor = page.nextCursor as string | undefined;
      } while (cursor !== undefined);
      return { ms: performance.now() - t0, items };
    };
    const targets = [
      { name: 'GET /v1/acceptances?overdue=true', path: '/v1/acceptances?overdue=true', expected: OVERDUE + 1 },
      { name: 'GET /v1/acceptances?bodyId=…&overdue=true', path: `/v1/acceptances?bodyId=${bodyId}&overdue=true`, expected: OVERDUE + 1 },
    ];
    const timeAll = async () => {
      const medians = new Map<string, number>();
      for (const target of targets) {
        await pageThrough(target.path); // warm-up
        const runs: number[] = [];
        for (let round = 0; round < ROUNDS; round += 1) {
          const run = await pageThrough(target.path);
          if (run.items !== target.expected) throw new Error(`${target.name}: expected ${target.expected} items, got ${run.items}`);
          runs.push(run.ms);
        }
        medians.set(target.name, median(runs));
      }
      return medians;
    };

    try {
      // The template (index 0 is the opened one) plus the overdue copies, then the rest up to SMALL.
      await writeAll(Array.from({ length: OVERDUE }, (_, i) => copy(i + 1, overdueDue)));
      await writeAll(Array.from({ length: SMALL - OVERDUE - 1 }, (_, i) => copy(OVERDUE + 1 + i, laterDue)));
      await call('POST', '/local/clock', { now: '2026-09-11T10:00:00+05:00' });
      const small = await timeAll();
      const t0 = performance.now();
      await writeAll(Array.from({ length: LARGE - SMALL }, (_, i) => copy(SMALL + i, laterDue)));
      const loadMs = performance.now() - t0;
      const large = await timeAll();
      return [
        ...targets.map((target) => ({
          listing: target.name,
          items: target.expected,
          [`ms at ${SMALL}`]: round(small.get(target.name) as number, 1),
          [`ms at ${LARGE}`]: round(large.get(target.name) as number, 1),
          ratio: ratio(large.get(target.name) as number, small.get(target.name) as number),
        })),
        { listing: `(loading ${LARGE - SMALL} more took ${round(loadMs / 1000, 1)} s)`, items: null, [`ms at ${SMALL}`]: null, [`ms at ${LARGE}`]: null, ratio: null },
      ];
    } finally {
      await call('POST', '/local/clock', { now: null });
      raw.destroy();
    }
  },
};
