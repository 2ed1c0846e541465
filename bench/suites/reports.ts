import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ratio, round } from '../lib/stats.ts';
import type { Row, Suite } from '../lib/types.ts';

/**
 * Issue 15 §6: the monthly complaints report (§18) of 10k vs 100k complaints, and the quarterly
 * appeals report (§13–§14) of 10k vs 100k appeals: generation time (generateReport with the
 * real XLSX/CSV/JSON renderer, stores in memory: DynamoDB's paging is not in these numbers) and
 * peak RSS, each in a fresh process (bench/lib/report-worker.ts). Goals: monthly memory flat;
 * quarterly ≤ 1.2× time (it reads counters, not appeals).
 *
 * The monthly report runs twice per size: with V8's default heap, which grows lazily with the
 * garbage a long run makes (RSS says little of what is live), and within a fixed old space of
 * MONTHLY_HEAP_MIB, as a Lambda's memory setting bounds it — the goal's figure: a month that
 * needed its rows in memory would not finish there.
 */
export const MONTHLY_HEAP_MIB = 80;
const WORKER = fileURLToPath(new URL('../lib/report-worker.ts', import.meta.url));

interface Measurement {
  kind: string;
  size: number;
  ms: number;
  maxRssMiB: number;
  pagesServed: number;
  sizes: Record<string, number>;
}

const measure = (kind: 'monthly' | 'quarterly', size: number, heapMiB?: number) =>
  new Promise<Measurement>((resolve, reject) => {
    const heap = heapMiB === undefined ? [] : [`--max-old-space-size=${heapMiB}`];
    execFile(process.execPath, [...heap, '--import', 'tsx', WORKER, kind, String(size)], { timeout: 600_000, maxBuffer: 4 << 20, env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'WARN' } }, (error, stdout) => {
      if (error) return reject(error);
      resolve(JSON.parse(stdout.trim().split('\n').at(-1)!) as Measurement);
    });
  });

export const reportsSuite: Suite = {
  name: 'reports',
  description: `monthly complaints report 10k vs 100k complaints (goal: RSS flat, within a ${MONTHLY_HEAP_MIB} MiB old space), quarterly appeals report 10k vs 100k appeals (goal: ≤ 1.2× time); fresh process each, stores in memory`,
  async run(): Promise<Row[]> {
    const rows: Row[] = [];
    const runs = [
      { kind: 'monthly', heap: undefined },
      { kind: 'monthly', heap: MONTHLY_HEAP_MIB },
      { kind: 'quarterly', heap: undefined },
    ] as const;
    for (const { kind, heap } of runs) {
      // The quarterly report takes ~0.1-0.2 s: three fresh processes per size, interleaved, the median's run kept.
      const repeats = kind === 'quarterly' ? 3 : 1;
      const smalls: Measurement[] = [];
      const larges: Measurement[] = [];
      for (let i = 0; i < repeats; i += 1) {
        smalls.push(await measure(kind, 10_000, heap));
        larges.push(await measure(kind, 100_000, heap));
      }
      const medianOf = (runs: Measurement[]) => [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)]!;
      const small = medianOf(smalls);
      const large = medianOf(larges);
      for (const m of [small, large]) {
        rows.push({
          report: kind,
          'old space MiB': heap ?? 'default',
          runs: repeats,
          inputs: m.size,
          'time ms': round(m.ms, 0),
          'peak RSS MiB': round(m.maxRssMiB, 0),
          'xlsx KiB': round((m.sizes.xlsx ?? 0) / 1024, 0),
          'json KiB': round((m.sizes.json ?? 0) / 1024, 0),
          'time ×10k': m === small ? 1 : ratio(large.ms, small.ms),
          'RSS ×10k': m === small ? 1 : ratio(large.maxRssMiB, small.maxRssMiB),
        });
      }
    }
    return rows;
  },
};
