import * as z from 'zod';
import { REPORT_FILE_KINDS, REPORT_ID_PATTERN, REPORT_TYPES, isPeriodOf, type ReportType, type ReportVersion } from '#domain/reports/report.ts';

export const reportTypeSchema = z.enum(REPORT_TYPES);
export const periodSchema = z.string().regex(/^\d{4}-(?:0[1-9]|1[0-2]|Q[1-4])$/, 'must be a month YYYY-MM or a quarter YYYY-Qn');

/** A period of the type's kind: a month for the monthly report, a quarter for the quarterly one. */
export const periodOfType = <T extends { type: ReportType; period?: string | undefined }>(value: T, ctx: z.core.$RefinementCtx<T>) => {
  if (value.period !== undefined && !isPeriodOf(value.type, value.period)) {
    ctx.addIssue({ code: 'custom', path: ['period'], message: value.type === 'monthly-complaints' ? 'must be a month YYYY-MM' : 'must be a quarter YYYY-Qn' });
  }
};

export const reportIdParams = z.object({ reportId: z.string().regex(REPORT_ID_PATTERN, 'must be a report id') });
/** `inputs`: the snapshot of the ids the version was built from (JSON). */
export const reportFileParams = reportIdParams.extend({ format: z.enum(REPORT_FILE_KINDS) });

/** What the list shows of a version (no storage keys, no inputs). */
export const reportSummary = (report: ReportVersion) => ({
  reportId: report.reportId,
  type: report.type,
  period: report.period,
  version: report.version,
  generatedAt: report.generatedAt,
  dueDate: report.dueDate,
  deliveredAt: report.deliveredAt,
  files: report.files.map(({ format, sha256, size }) => ({ format, sha256, size })),
});
