import type { DeliveryPorts, ReportPorts } from '#domain/reports/report-port.ts';
import { dynamoAppealCountReader } from './appeal-store.ts';
import { dynamoBodyStore } from './body-store.ts';
import { dynamoCalendarStore } from './calendar-store.ts';
import { systemClock } from './clock.ts';
import { dynamoComplaintStore, dynamoComplaintViolationStore } from './complaint-store.ts';
import { s3ReportFileStore } from './document-store.ts';
import { fileScratch } from './file-scratch.ts';
import { renderReport } from './report-files.ts';
import { dynamoReportDeliveryStore, dynamoReportStore } from './report-store.ts';
import { dynamoReportPeriodStore } from './report-period-store.ts';
import { sesMailer } from './ses-mailer.ts';

/**
 * The ports that generate reports (POST /v1/reports) and deliver them (the report jobs): the
 * inputs (complaints, violations, the appeal counters, the calendar, the directory), the
 * renderer (exceljs) and the files in S3; delivery adds the claims and SES.
 */
export const reportPorts: ReportPorts = {
  reports: dynamoReportStore,
  files: s3ReportFileStore,
  renderer: { render: (content, meta, inputs) => renderReport(content, meta, inputs) },
  // Rows wait on /tmp (the report functions' ephemeral storage, infra/stateless-stack.ts).
  scratch: () => fileScratch(),
  complaints: { list: dynamoComplaintStore.list },
  violations: dynamoComplaintViolationStore,
  // Until the appeals counters land (branch `appeals`): the lead reconciles on merge.
  appealCounts: dynamoAppealCountReader,
  calendars: dynamoCalendarStore,
  bodyOfKind: async (kind) => (await dynamoBodyStore.list({ kind, limit: 1 })).items[0],
  clock: systemClock,
};

export const deliveryPorts = (): DeliveryPorts => ({ ...reportPorts, deliveries: dynamoReportDeliveryStore, reportPeriods: dynamoReportPeriodStore, mailer: sesMailer });
