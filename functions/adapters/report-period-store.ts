import type { ReportPeriodCase, ReportPeriodStore } from '#domain/reports/report-deadline.ts';
import { caseStore } from './case-store.ts';
import { CASE_PREFIXES } from './table-keys.ts';

/**
 * The case of one period's report deadline (§13–§14, §18; report-deadline.ts), keyed by its id
 * `rpt-<type>-<period>` under the report-period case token (table-keys.ts) and listed under its
 * authority (case-store.ts).
 */
const periods = caseStore<ReportPeriodCase>({
  entity: 'ReportPeriod',
  prefix: CASE_PREFIXES.reportPeriod,
  openedAtOf: (state) => state.openedAt,
});

export const dynamoReportPeriodStore: ReportPeriodStore = { get: periods.get, create: periods.create, save: periods.save };
