import type { ReportPorts } from '#domain/reports/report-port.ts';
import { s3ReportFileStore } from './document-store.ts';
import { dynamoReportStore } from './report-store.ts';
import { systemClock } from './clock.ts';

/**
 * The ports of the report routes that read (list, one report, its files): DynamoDB and the
 * report files in S3, without the renderer (exceljs stays out of their bundles).
 */
export const reportReadPorts: Pick<ReportPorts, 'reports' | 'files' | 'clock'> = { reports: dynamoReportStore, files: s3ReportFileStore, clock: systemClock };
