import { toAlmatyDate } from '../calendar/local-date.ts';

/**
 * The §13–§14 quarterly figures of citizens' appeals, as the counters keep them: the contract
 * between the appeals feature (which counts every appeal as it arrives, in the effects function)
 * and the quarterly report (which reads them, never the appeals themselves).
 */

/** A calendar quarter, e.g. `2026-Q3`. */
export type Quarter = `${number}-Q${1 | 2 | 3 | 4}`;

export const QUARTER_PATTERN = /^(\d{4})-Q([1-4])$/;

/** The dimensions §13 counts appeals by; each maps a value (a service code, a channel…) to its count. */
export const APPEAL_DIMENSIONS = ['service', 'channel', 'topic', 'region', 'outcome', 'body'] as const;
export type AppealDimension = (typeof APPEAL_DIMENSIONS)[number];

export interface AppealCounts {
  quarter: Quarter;
  total: number;
  by: Record<AppealDimension, Record<string, number>>;
}

/** Port: the counters of one quarter (all zero when nothing was counted). */
export interface AppealCountReader {
  readQuarter(quarter: Quarter): Promise<AppealCounts>;
}

/** The quarter an instant falls in, on the Asia/Almaty calendar (docs/design.md "Working days"; UTC+6 before March 2024). */
export function quarterOf(at: Date): Quarter {
  const [year, month] = toAlmatyDate(at).split('-').map(Number) as [number, number];
  return `${year}-Q${(Math.floor((month - 1) / 3) + 1) as 1 | 2 | 3 | 4}`;
}

/** The quarter before, and the same quarter a year earlier (§14 report: figures beside each other). */
export function previousQuarter(quarter: Quarter): Quarter {
  const [, year, q] = QUARTER_PATTERN.exec(quarter)!.map(Number) as [number, number, number];
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${(q - 1) as 1 | 2 | 3}`;
}

export function sameQuarterYearBefore(quarter: Quarter): Quarter {
  const [, year, q] = QUARTER_PATTERN.exec(quarter)!.map(Number) as [number, number, number];
  return `${year - 1}-Q${q as 1 | 2 | 3 | 4}`;
}

export const emptyAppealCounts = (quarter: Quarter): AppealCounts => ({
  quarter,
  total: 0,
  by: { service: {}, channel: {}, topic: {}, region: {}, outcome: {}, body: {} },
});
