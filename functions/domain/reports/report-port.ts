import type { AppealCountReader } from '../appeals/appeal-counts.ts';
import type { CalendarStore } from '../calendar/calendar-port.ts';
import type { ComplaintQuery } from '../complaints/complaint-port.ts';
import type { Complaint } from '../complaints/complaint.ts';
import type { ComplaintViolation } from '../complaints/complaint-violations.ts';
import type { Body } from '../directory/body.ts';
import type { Clock, Mailer } from '../ports.ts';
import type { ReportPeriodStore } from './report-deadline.ts';
import type { ReportContent, ReportFileKind, ReportFormat, ReportType, ReportVersion } from './report.ts';
import type { ReportScratch, RowList } from './report-spool.ts';

/** Port: the versions of the reports, one record each (newest first when listed). */
export interface ReportStore {
  /** The highest version stored of a period, 0 when none. */
  latestVersion(type: ReportType, period: string): Promise<number>;
  /** Conditional create: false when that version exists (a concurrent generation took it). */
  create(version: ReportVersion): Promise<boolean>;
  get(type: ReportType, period: string, version: number): Promise<ReportVersion | undefined>;
  list(query: { type: ReportType; period?: string; limit: number; cursor?: string }): Promise<{ items: ReportVersion[]; nextCursor?: string }>;
  markDelivered(type: ReportType, period: string, version: number, at: string): Promise<void>;
}

/** Port: the report files (S3, `documents/reports/<sha256>`). */
export interface ReportFileStore {
  /** Stores a rendered file, read from its body as it goes (never whole in memory). */
  put(file: RenderedReportFile): Promise<void>;
  get(sha256: string): Promise<Buffer | undefined>;
  /** A link that lets its holder read one file for `seconds` (files too large for a Lambda response). */
  link(sha256: string, seconds: number): Promise<string>;
}

export type DeliveryClaim = 'claimed' | 'delivered' | 'leased';

/**
 * Port: one delivery per period (issue 15 §4): a conditional claim item per period, leased so a
 * run that crashed mid-way is taken over, and the last period delivered (where catch-up starts).
 */
export interface ReportDeliveryStore {
  lastDelivered(type: ReportType): Promise<string | undefined>;
  claim(type: ReportType, period: string, now: Date, leaseMs: number): Promise<DeliveryClaim>;
  delivered(type: ReportType, period: string, reportId: string, at: Date): Promise<void>;
  release(type: ReportType, period: string): Promise<void>;
}

/** A file the renderer made (on the scratch disk in the functions): its size and hash known, its bytes read on demand. */
export interface RenderedReportFile {
  kind: ReportFileKind;
  fileName: string;
  contentType: string;
  sha256: string;
  size: number;
  body(): AsyncIterable<Uint8Array>;
}

export interface RenderedReport {
  /** The report in each format (REPORT_FORMATS' order). */
  files: (RenderedReportFile & { kind: ReportFormat })[];
  /** The snapshot of the inputs' ids (JSON). */
  inputs: RenderedReportFile;
  /** Removes the files (after they are stored). */
  dispose(): Promise<void>;
}

export interface ReportMeta {
  type: ReportType;
  period: string;
  version: number;
  generatedAt: string;
  rulebook: { id: string; act: string };
  dueDate: string;
}

export interface ReportRenderer {
  render(content: ReportContent, meta: ReportMeta, inputs: ReportInputs): Promise<RenderedReport>;
}

/** The ids a version was built from, by kind (complaintIds, violationIds; quarters). */
export type ReportInputs = Record<string, RowList<string>>;

export interface ReportPorts {
  reports: ReportStore;
  files: ReportFileStore;
  renderer: ReportRenderer;
  /** A month of registrations, page by page (ComplaintStore.list with `month`). */
  complaints: { list(query: ComplaintQuery): Promise<{ items: Complaint[]; nextCursor?: string }> };
  violations: { eachOfMonth(month: string): AsyncIterable<ComplaintViolation> };
  /** Where the rows wait between reading and rendering (the file scratch: /tmp in Lambda). */
  scratch(): Promise<ReportScratch>;
  appealCounts: AppealCountReader;
  calendars: CalendarStore;
  /** The first body of a kind (the authorities and the UCC are one each). */
  bodyOfKind(kind: Body['kind']): Promise<Body | undefined>;
  clock: Clock;
}

export interface DeliveryPorts extends ReportPorts {
  deliveries: ReportDeliveryStore;
  /** Each period's report deadline (report-deadline.ts). */
  reportPeriods: ReportPeriodStore;
  mailer: Mailer;
}
