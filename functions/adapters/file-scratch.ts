import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { mergeSorted } from '#domain/merge-sorted.ts';
import type { ReportScratch, RowList, RowSpool } from '#domain/reports/report-spool.ts';
import { TextFile } from './text-file.ts';

/**
 * The report scratch on disk (issue 15 §6): each spool a file of JSON lines under one temporary
 * directory (in Lambda, /tmp: the report functions get ephemeral storage for it, infra). A spool
 * with an order is an external merge sort: runs of RUN_ROWS rows sorted in memory, each written
 * to its own file, read back merged — memory is one run, whatever the month holds.
 */
export const RUN_ROWS = 5_000;

async function* linesOf<T>(path: string): AsyncGenerator<T> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  try {
    for await (const line of lines) if (line !== '') yield JSON.parse(line) as T;
  } finally {
    lines.close();
  }
}

const fileList = <T>(paths: readonly string[], count: number, order?: (a: T, b: T) => number): RowList<T> => ({
  count,
  [Symbol.asyncIterator]: () =>
    paths.length === 1 || order === undefined ? linesOf<T>(paths[0]!) : mergeSorted(paths.map((path) => linesOf<T>(path)), order),
});

export async function fileScratch(root = tmpdir()): Promise<ReportScratch> {
  const dir = await mkdtemp(join(root, 'ucc-report-'));
  let files = 0;
  const nextPath = (name: string) => join(dir, `${String((files += 1)).padStart(4, '0')}-${name.replace(/[^a-z0-9-]/gi, '_')}.ndjson`);
  return {
    spool<T>(name: string, order?: (a: T, b: T) => number): RowSpool<T> {
      let count = 0;
      if (order === undefined) {
        const out = new TextFile(nextPath(name));
        return {
          async add(row) {
            count += 1;
            await out.write(`${JSON.stringify(row)}\n`);
          },
          async close() {
            await out.close();
            return fileList<T>([out.path], count);
          },
        };
      }
      const runs: string[] = [];
      let run: T[] = [];
      const writeRun = async () => {
        const out = new TextFile(nextPath(`${name}-run`));
        // Array.prototype.sort is stable; the merge keeps runs' order on ties: a stable sort.
        for (const row of run.sort(order)) await out.write(`${JSON.stringify(row)}\n`);
        await out.close();
        runs.push(out.path);
        run = [];
      };
      return {
        async add(row) {
          count += 1;
          run.push(row);
          if (run.length >= RUN_ROWS) await writeRun();
        },
        async close() {
          if (run.length > 0 || runs.length === 0) await writeRun();
          return fileList<T>(runs, count, order);
        },
      };
    },
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}
