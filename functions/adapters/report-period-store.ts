import type { ReportPeriodCase, ReportPeriodStore } from '#domain/reports/report-deadline.ts';
import { caseStore } from './case-store.ts';

/**
 * The case of one period's report deadline (§13–§14, §18; report-deadline.ts):
 * `REPORTPERIOD#rpt-<type>-<period>` / `REPORTPERIOD`, listed under its authority (case-store.ts).
 */
const periods = caseStore<ReportPeriodCase>({
  entity: 'ReportPeriod',
  prefix: 'REPORTPERIOD',
  bodyIdOf: (state) => state.bodyId,
  statusOf: (state) => state.status,
  openedAtOf: (state) => state.openedAt,
  idOf: (state) => state.id,
});

export const reportPeriodKey = periods.keyOf;

export const dynamoReportPeriodStore: ReportPeriodStore = { get: periods.get, create: periods.create, save: periods.save };
