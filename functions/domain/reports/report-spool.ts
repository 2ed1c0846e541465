/**
 * Where a report keeps its rows between reading the inputs and writing the files (issue 15 §6:
 * memory flat): a spool per part, written row by row and read back as often as a file needs it.
 * The file scratch (adapters/file-scratch.ts) keeps them on disk (Lambda's /tmp); the memory
 * scratch here serves the tests and the small reports.
 */

/** Rows that can be read again from the start, with their count known. */
export interface RowList<T> extends AsyncIterable<T> {
  readonly count: number;
}

export interface RowSpool<T> {
  add(row: T): Promise<void>;
  /** No more rows: the list to read back (sorted by the spool's order, when it has one). */
  close(): Promise<RowList<T>>;
}

export interface ReportScratch {
  /** A spool of rows, kept in `order` when given (a stable sort), else in the order added. */
  spool<T>(name: string, order?: (a: T, b: T) => number): RowSpool<T>;
  /** Removes every spool (after the files are stored, or on failure). */
  dispose(): Promise<void>;
}

/** An array as a RowList. */
export const rowList = <T>(items: readonly T[]): RowList<T> => ({
  count: items.length,
  async *[Symbol.asyncIterator]() {
    yield* items;
  },
});

export const isRowList = (value: unknown): value is RowList<unknown> =>
  value !== null && typeof value === 'object' && Symbol.asyncIterator in value && typeof (value as { count?: unknown }).count === 'number';

export async function toArray<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

export async function* mapRows<T, U>(rows: AsyncIterable<T> | Iterable<T>, map: (row: T) => U): AsyncGenerator<U> {
  for await (const row of rows) yield map(row);
}

/** A list read through `map`, row by row, each time it is read. */
export const mapList = <T, U>(list: RowList<T>, map: (row: T) => U): RowList<U> => ({
  count: list.count,
  [Symbol.asyncIterator]: () => mapRows(list, map)[Symbol.asyncIterator](),
});

/** Spools in memory (Array.prototype.sort is stable). */
export const memoryScratch = (): ReportScratch => ({
  spool<T>(_name: string, order?: (a: T, b: T) => number): RowSpool<T> {
    const rows: T[] = [];
    return {
      add: async (row) => void rows.push(row),
      close: async () => rowList(order === undefined ? rows : rows.sort(order)),
    };
  },
  dispose: async () => undefined,
});
