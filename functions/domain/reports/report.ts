import { QUARTER_PATTERN, quarterOf, previousQuarter, type Quarter } from '../appeals/appeal-counts.ts';
import { nextMonth, toAlmatyDate } from '../calendar/local-date.ts';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import { applyRule } from '../rulebook/apply-rule.ts';
import type { Rulebook } from '../rulebook/rulebook.ts';
import type { MonthlyComplaintsContent } from './monthly-complaints.ts';
import { lastDayOfQuarter, type QuarterlyAppealsContent } from './quarterly-appeals.ts';

/**
 * The two reports the authorities receive without asking: the monthly complaints analysis
 * (§18, to the quality authority) and the quarterly appeals report (§13–§14, to the
 * informatization authority). Each generation is a new version; old versions are kept.
 */
export const REPORT_TYPES = ['monthly-complaints', 'quarterly-appeals'] as const;
export type ReportType = (typeof REPORT_TYPES)[number];
export const REPORT_FORMATS = ['xlsx', 'csv', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
/** A version's files: the report in each format, and the snapshot of its inputs' ids. */
export const REPORT_FILE_KINDS = [...REPORT_FORMATS, 'inputs'] as const;
export type ReportFileKind = (typeof REPORT_FILE_KINDS)[number];

export const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

export const isPeriodOf = (type: ReportType, period: string): boolean =>
  type === 'monthly-complaints' ? MONTH_PATTERN.test(period) : QUARTER_PATTERN.test(period);

/** Who receives it: the authority's kind in the directory. */
export const RECIPIENT_KIND = { 'monthly-complaints': 'quality_authority', 'quarterly-appeals': 'informatization_authority' } as const;

export const REPORT_TITLES: Record<ReportType, { kk: string; ru: string; cite: string }> = {
  'monthly-complaints': { kk: 'Шағымдар бойынша ай сайынғы талдамалық есеп', ru: 'Ежемесячный аналитический отчёт по жалобам', cite: '§18' },
  'quarterly-appeals': { kk: 'Қызмет алушылардың өтініштері туралы тоқсандық есеп', ru: 'Ежеквартальный отчёт об обращениях услугополучателей', cite: '§13–§14' },
};

/** `mc-2026-03-v2` / `qa-2026-Q1-v1`: type, period and version, so a read needs no index. */
const ID_PREFIX: Record<ReportType, string> = { 'monthly-complaints': 'mc', 'quarterly-appeals': 'qa' };
export const REPORT_ID_PATTERN = /^(mc|qa)-(\d{4}-(?:0[1-9]|1[0-2]|Q[1-4]))-v([1-9]\d{0,5})$/;

export const reportIdOf = (type: ReportType, period: string, version: number): string => `${ID_PREFIX[type]}-${period}-v${version}`;

export function parseReportId(id: string): { type: ReportType; period: string; version: number } | undefined {
  const match = REPORT_ID_PATTERN.exec(id);
  if (match === null) return undefined;
  const type: ReportType = match[1] === 'mc' ? 'monthly-complaints' : 'quarterly-appeals';
  if (!isPeriodOf(type, match[2]!)) return undefined;
  return { type, period: match[2]!, version: Number(match[3]) };
}

/**
 * The legal due date (end of that Almaty day): §18 by the 5th of the next month, §14 within 10
 * calendar days after the quarter; a last day that is a day off moves to the next working day.
 */
export function dueOf(type: ReportType, period: string, rulebook: Rulebook, calendar: WorkingCalendar) {
  return type === 'monthly-complaints'
    ? applyRule(rulebook.rules.monthlyReport, period, calendar)
    : applyRule(rulebook.rules.quarterlyReport, lastDayOfQuarter(period as Quarter), calendar);
}

/** The last period that has ended at `now` (Asia/Almaty): the month before, the quarter before. */
export function lastEndedPeriod(type: ReportType, now: Date): string {
  if (type === 'quarterly-appeals') return previousQuarter(quarterOf(now));
  const month = toAlmatyDate(now).slice(0, 7);
  const [year, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
}

export function nextPeriod(type: ReportType, period: string): string {
  if (type === 'monthly-complaints') return nextMonth(period);
  const [year, q] = [Number(period.slice(0, 4)), Number(period.slice(6))];
  return q === 4 ? `${year + 1}-Q1` : `${year}-Q${q + 1}`;
}

/**
 * The periods a delivery run owes (catch-up): each after the last delivered, up to the last
 * ended; with none delivered yet, only the last ended. At most `limit` (the oldest first).
 */
export function periodsOwed(type: ReportType, lastDelivered: string | undefined, now: Date, limit = 24): string[] {
  const last = lastEndedPeriod(type, now);
  if (lastDelivered === undefined) return [last];
  const owed: string[] = [];
  for (let period = nextPeriod(type, lastDelivered); period <= last && owed.length < limit; period = nextPeriod(type, period)) owed.push(period);
  return owed;
}

export interface ReportFile {
  format: ReportFormat;
  fileName: string;
  contentType: string;
  sha256: string;
  size: number;
}

export type ReportContent = MonthlyComplaintsContent | QuarterlyAppealsContent;

/**
 * A report's headline figures, small whatever the period held: what GET /v1/reports/{id} answers
 * with beside links to the files (the whole content of a month of ~8k complaints is over 6 MB,
 * beyond a Lambda response). §18: the total, the review-period summary, violations by kind, the
 * two complaint counts; §13–§14: the quarters compared, the total, the rows per breakdown.
 */
export type ReportSummaryFigures =
  | {
      type: 'monthly-complaints';
      totalComplaints: number;
      reviewPeriods: MonthlyComplaintsContent['reviewPeriods']['summary'];
      violations: Pick<MonthlyComplaintsContent['violations'], 'total' | 'byKind'> & { bodies: number };
      procedureAndStandard: Omit<MonthlyComplaintsContent['procedureAndStandard'], 'items'>;
      staff: { count: number };
    }
  | {
      type: 'quarterly-appeals';
      quarters: QuarterlyAppealsContent['quarters'];
      total: QuarterlyAppealsContent['total'];
      /** Rows of each breakdown (by service, channel, topic, region, outcome, body). */
      rows: Record<keyof QuarterlyAppealsContent['by'], number>;
    };

export function summaryOf(content: ReportContent): ReportSummaryFigures {
  if (content.type === 'quarterly-appeals') {
    return {
      type: content.type,
      quarters: content.quarters,
      total: content.total,
      rows: Object.fromEntries(Object.entries(content.by).map(([dimension, rows]) => [dimension, rows.length])) as Record<keyof QuarterlyAppealsContent['by'], number>,
    };
  }
  const { items: _items, ...procedureAndStandard } = content.procedureAndStandard;
  return {
    type: content.type,
    totalComplaints: content.totalComplaints,
    reviewPeriods: content.reviewPeriods.summary,
    violations: { total: content.violations.total, byKind: content.violations.byKind, bodies: content.violations.byBody.length },
    procedureAndStandard,
    staff: { count: content.staff.count },
  };
}

/** One stored version of a report (its files in S3; its JSON content is the JSON file). */
export interface ReportVersion {
  reportId: string;
  type: ReportType;
  period: string;
  version: number;
  generatedAt: string;
  generatedBy: string;
  rulebookId: string;
  dueDate: string;
  dueAt: string;
  files: ReportFile[];
  /**
   * What it was built from — the complaints' and violations' ids, or the quarters of counters
   * read — as a JSON file beside the others (a month's ids are beyond a DynamoDB item's 400 KB),
   * with the number of ids of each kind.
   */
  inputsFile?: Omit<ReportFile, 'format'>;
  inputCounts?: Record<string, number>;
  /** Versions generated before the snapshot was a file: the ids themselves. */
  inputs?: Record<string, string[]>;
  /** Hash of the inputs' snapshot (the file's SHA-256), so two versions can be compared without reading them. */
  inputsSha256: string;
  /** Its headline figures (summaryOf); absent on versions generated before they were kept. */
  summary?: ReportSummaryFigures;
  deliveredAt?: string;
}

export const CONTENT_TYPES: Record<ReportFileKind, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json',
  inputs: 'application/json',
};

export const fileNameOf = (type: ReportType, period: string, version: number, kind: ReportFileKind): string =>
  kind === 'inputs' ? `${type}-${period}-v${version}-inputs.json` : `${type}-${period}-v${version}.${kind}`;

/** The number of ids of each kind in a version's snapshot. */
export const inputCountsOf = (report: ReportVersion): Record<string, number> =>
  report.inputCounts ?? Object.fromEntries(Object.entries(report.inputs ?? {}).map(([kind, ids]) => [kind, ids.length]));
