import type { Cell, Row } from './types.ts';

/** Renders rows as a plain-text table; columns in order of first appearance, numbers right-aligned. */
export function formatTable(rows: readonly Row[]): string {
  if (rows.length === 0) return '(no rows)';
  const columns: string[] = [];
  for (const row of rows) for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);

  const text = (cell: Cell | undefined): string => (cell === undefined || cell === null ? '' : String(cell));
  const numeric = columns.map((column) => rows.every((row) => row[column] === undefined || row[column] === null || typeof row[column] === 'number'));
  const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => text(row[column]).length)));
  const pad = (value: string, index: number) => (numeric[index] ? value.padStart(widths[index] ?? 0) : value.padEnd(widths[index] ?? 0));

  const lines = [
    columns.map((column, index) => pad(column, index)).join('  '),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...rows.map((row) => columns.map((column, index) => pad(text(row[column]), index)).join('  ')),
  ];
  return lines.map((line) => line.trimEnd()).join('\n');
}
