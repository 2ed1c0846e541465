import {
  APPEAL_DIMENSIONS,
  previousQuarter,
  sameQuarterYearBefore,
  type AppealCountReader,
  type AppealCounts,
  type AppealDimension,
  type Quarter,
} from '../appeals/appeal-counts.ts';

/**
 * §13–§14: the quarterly report on service recipients' appeals for quarter Q, to the
 * informatization authority within 10 calendar days after Q (rulebook `quarterlyReport`). Read
 * only from the counters (AppealCountReader), never the appeals: its cost does not grow with
 * the quarter's appeals. Every figure stands beside the previous quarter's and the same
 * quarter's a year earlier.
 */
export interface ComparedFigure {
  current: number;
  previousQuarter: number;
  yearBefore: number;
}

export interface QuarterlyAppealsContent {
  type: 'quarterly-appeals';
  period: Quarter;
  cite: '§13–§14';
  quarters: { current: Quarter; previousQuarter: Quarter; yearBefore: Quarter };
  total: ComparedFigure;
  /** Per dimension, one row per value seen in any of the three quarters: most appeals this quarter first. */
  by: Record<AppealDimension, ({ key: string } & ComparedFigure)[]>;
}

export function compareQuarters(current: AppealCounts, previous: AppealCounts, yearBefore: AppealCounts): QuarterlyAppealsContent {
  const by = Object.fromEntries(
    APPEAL_DIMENSIONS.map((dimension) => {
      const keys = new Set([...Object.keys(current.by[dimension]), ...Object.keys(previous.by[dimension]), ...Object.keys(yearBefore.by[dimension])]);
      const rows = [...keys].map((key) => ({
        key,
        current: current.by[dimension][key] ?? 0,
        previousQuarter: previous.by[dimension][key] ?? 0,
        yearBefore: yearBefore.by[dimension][key] ?? 0,
      }));
      rows.sort((a, b) => b.current - a.current || a.key.localeCompare(b.key));
      return [dimension, rows];
    }),
  ) as QuarterlyAppealsContent['by'];
  return {
    type: 'quarterly-appeals',
    period: current.quarter,
    cite: '§13–§14',
    quarters: { current: current.quarter, previousQuarter: previous.quarter, yearBefore: yearBefore.quarter },
    total: { current: current.total, previousQuarter: previous.total, yearBefore: yearBefore.total },
    by,
  };
}

/** The three quarters' counters, read in parallel, compared. */
export async function buildQuarterlyAppeals(quarter: Quarter, reader: AppealCountReader): Promise<{ content: QuarterlyAppealsContent; inputs: { quarters: Quarter[] } }> {
  const quarters = [quarter, previousQuarter(quarter), sameQuarterYearBefore(quarter)] as const;
  const [current, previous, yearBefore] = await Promise.all(quarters.map((q) => reader.readQuarter(q)));
  return { content: compareQuarters(current!, previous!, yearBefore!), inputs: { quarters: [...quarters] } };
}

/** The quarter's last day ('YYYY-MM-DD'): §14's 10 calendar days count from the next. */
export function lastDayOfQuarter(quarter: Quarter): string {
  const [year, q] = [Number(quarter.slice(0, 4)), Number(quarter.slice(6))];
  const month = q * 3;
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
