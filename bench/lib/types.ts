/**
 * The contract every benchmark suite fulfils. A suite is a module under bench/suites/ that
 * exports one `Suite`; bench/suites/index.ts lists them and bench/main.ts runs them.
 */
export type Cell = string | number | null;

/** One line of a suite's table (and of its JSON result): column name → value. */
export type Row = Record<string, Cell>;

/** A titled table, for suites that print more than one. */
export interface Table {
  readonly title: string;
  readonly rows: Row[];
}

export interface Suite {
  /** Short, kebab-case: what `npm run bench -- <name>` selects. */
  readonly name: string;
  /** One line shown above the suite's table. */
  readonly description: string;
  /** Runs the whole suite (bounded in time) and returns its rows, or several titled tables; throws on failure. */
  run(): Promise<Row[] | Table[]>;
}
