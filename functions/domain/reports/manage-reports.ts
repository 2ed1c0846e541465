import type { Quarter } from '../appeals/appeal-counts.ts';
import { loadWorkingCalendar } from '../calendar/load-calendar-years.ts';
import { REVIEW_RULES, type Complaint } from '../complaints/complaint.ts';
import type { Principal } from '../access/roles.ts';
import { definedMembers } from '../defined-members.ts';
import { ForbiddenError, NotFoundError, UnprocessableError } from '../errors.ts';
import { rulebookOn } from '../rulebook/rulebook.ts';
import { SEED_RULEBOOKS } from '../rulebook/seed-rulebooks.ts';
import { MonthlyComplaintsBuilder } from './monthly-complaints.ts';
import { buildQuarterlyAppeals, lastDayOfQuarter } from './quarterly-appeals.ts';
import { daysInMonth } from '../calendar/local-date.ts';
import {
  CONTENT_TYPES,
  RECIPIENT_KIND,
  REPORT_TITLES,
  dueOf,
  lastEndedPeriod,
  nextPeriod,
  parseReportId,
  periodsOwed,
  reportIdOf,
  summaryOf,
  type ReportContent,
  type ReportSummaryFigures,
  fileNameOf,
  type ReportFileKind,
  type ReportType,
  type ReportVersion,
} from './report.ts';
import type { DeliveryPorts, RenderedReportFile, ReportPorts } from './report-port.ts';
import { rowList, type ReportScratch } from './report-spool.ts';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import { closeReportDeadline, trackReportDeadline, type ReportDeadlinePorts } from './report-deadline.ts';

/** Pages of a month's complaints: each page is added and dropped, never the month at once. */
const PAGE = 500;

const rulebookById = (id: string) => SEED_RULEBOOKS.find((candidate) => candidate.id === id) ?? SEED_RULEBOOKS[0]!;

async function monthlyContent(month: string, ports: ReportPorts, now: Date, calendar: WorkingCalendar, scratch: ReportScratch) {
  // Art. 25's period of each complaint is the one of the rulebook it was registered under.
  const legalDays = (complaint: Complaint) => rulebookById(complaint.rulebookId).rules[REVIEW_RULES[complaint.addressedTo]].value;
  const builder = new MonthlyComplaintsBuilder(month, calendar, now, legalDays, scratch);
  let cursor: string | undefined;
  do {
    const page = await ports.complaints.list({ month, limit: PAGE, ...definedMembers({ cursor }) });
    for (const complaint of page.items) await builder.add(complaint);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return builder.finish(ports.violations.eachOfMonth(month));
}

async function quarterlyContent(quarter: Quarter, ports: ReportPorts) {
  const { content, inputs } = await buildQuarterlyAppeals(quarter, ports.appealCounts);
  return { content, inputs: { quarters: rowList(inputs.quarters) } };
}

/** What the version's record keeps of a stored file. */
const storedFileOf = ({ fileName, contentType, sha256, size }: RenderedReportFile): StoredFile => ({ fileName, contentType, sha256, size });

/**
 * Generates a new version of the report of `period` (issue 15 §3): its content from the inputs,
 * its three files and the snapshot of its inputs' ids stored (SHA-256 each). Earlier versions
 * stay. Two generations at once both succeed, as consecutive versions. The rows go through
 * the scratch (issue 15 §6: a month is never whole in memory), removed when done.
 */
export async function generateReport(type: ReportType, period: string, actor: string, ports: ReportPorts): Promise<ReportVersion> {
  const now = ports.clock.now();
  // The period in progress may be reported (a preliminary version); one not begun may not.
  if (period > nextPeriod(type, lastEndedPeriod(type, now))) {
    throw new UnprocessableError(`The period ${period} has not begun`, { period, current: nextPeriod(type, lastEndedPeriod(type, now)) });
  }
  const calendar = await loadWorkingCalendar(ports.calendars);
  // The rulebook in force on the period's last day.
  const rulebook = rulebookOn(type === 'monthly-complaints' ? `${period}-${String(daysInMonth(period)).padStart(2, '0')}` : lastDayOfQuarter(period as Quarter), SEED_RULEBOOKS);
  const due = dueOf(type, period, rulebook, calendar);
  const scratch = await ports.scratch();
  try {
    const { content, inputs } = type === 'monthly-complaints' ? await monthlyContent(period, ports, now, calendar, scratch) : await quarterlyContent(period as Quarter, ports);
    for (let attempt = 0; ; attempt += 1) {
      const version = (await ports.reports.latestVersion(type, period)) + 1;
      const generatedAt = now.toISOString();
      const rendered = await ports.renderer.render(content, { type, period, version, generatedAt, rulebook: { id: rulebook.id, act: rulebook.act }, dueDate: due.dueDate }, inputs);
      try {
        for (const file of [...rendered.files, rendered.inputs]) await ports.files.put(file);
        const record: ReportVersion = {
          reportId: reportIdOf(type, period, version),
          type,
          period,
          version,
          generatedAt,
          generatedBy: actor,
          rulebookId: rulebook.id,
          dueDate: due.dueDate,
          dueAt: due.dueAt,
          files: rendered.files.map((file) => ({ format: file.kind, ...storedFileOf(file) })),
          inputsFile: storedFileOf(rendered.inputs),
          inputCounts: Object.fromEntries(Object.entries(inputs).map(([kind, ids]) => [kind, ids.count])),
          inputsSha256: rendered.inputs.sha256,
          summary: summaryOf(content),
        };
        if (await ports.reports.create(record)) return record;
      } finally {
        await rendered.dispose();
      }
      if (attempt >= 5) throw new Error(`could not take a version of ${type} ${period} after ${attempt + 1} attempts`);
    }
  } finally {
    await scratch.dispose();
  }
}

export const reportNotFound = (id: string) => `No report with id ${id}`;

/** The type a report id names; an id of no report is checked as a monthly one (and then not found). */
const typeOfId = (reportId: string): ReportType => parseReportId(reportId)?.type ?? 'monthly-complaints';

/** The UCC reads both reports; each authority its own (reports-api.md). */
function assertMayRead(principal: Principal, type: ReportType): void {
  if (!mayRead(principal.role, type)) throw new ForbiddenError(`The ${type} report is not for role ${principal.role}`);
}

/** GET /v1/reports (§18, §13–§14): the versions of a type's reports, newest first (by period, then version). */
export async function listReports(
  listing: { type: ReportType; period?: string | undefined; limit: number; cursor?: string | undefined },
  principal: Principal,
  ports: Pick<ReportPorts, 'reports'>,
): Promise<{ items: ReportVersion[]; nextCursor?: string }> {
  assertMayRead(principal, listing.type);
  return ports.reports.list({ type: listing.type, limit: listing.limit, ...definedMembers({ cursor: listing.cursor, period: listing.period }) });
}

/**
 * One version: its record and headline figures, never its whole content (that is in its files).
 * A version generated before the figures were kept has them computed once from its JSON file.
 */
export async function getReport(
  reportId: string,
  principal: Principal,
  ports: Pick<ReportPorts, 'reports' | 'files'>,
): Promise<{ report: ReportVersion; summary: ReportSummaryFigures }> {
  assertMayRead(principal, typeOfId(reportId));
  const parsed = parseReportId(reportId);
  const report = parsed === undefined ? undefined : await ports.reports.get(parsed.type, parsed.period, parsed.version);
  if (report === undefined) throw new NotFoundError(reportNotFound(reportId));
  if (report.summary !== undefined) return { report, summary: report.summary };
  const json = report.files.find((file) => file.format === 'json')!;
  const bytes = await ports.files.get(json.sha256);
  if (bytes === undefined) throw new Error(`report ${reportId}: its JSON file is missing`);
  return { report, summary: summaryOf(JSON.parse(bytes.toString('utf8')) as ReportContent) };
}

/**
 * The largest file served in the response itself: Lambda answers at most 6 MB, and a binary body
 * travels base64 (4/3). A larger one is a link to the object, valid LINK_SECONDS.
 */
export const MAX_INLINE_FILE_BYTES = 4 * 1024 * 1024;
export const LINK_SECONDS = 15 * 60;

export async function reportFile(
  reportId: string,
  kind: ReportFileKind,
  principal: Principal,
  ports: Pick<ReportPorts, 'reports' | 'files'>,
  inlineUpTo = MAX_INLINE_FILE_BYTES,
): Promise<{ file: StoredFile; bytes: Buffer; link?: undefined } | { file: StoredFile; link: string; bytes?: undefined }> {
  assertMayRead(principal, typeOfId(reportId));
  const parsed = parseReportId(reportId);
  const report = parsed === undefined ? undefined : await ports.reports.get(parsed.type, parsed.period, parsed.version);
  if (report === undefined) throw new NotFoundError(reportNotFound(reportId));
  if (kind === 'inputs' && report.inputsFile === undefined && report.inputs !== undefined) {
    // A version from before the snapshot was a file: the same JSON, made from its record.
    const bytes = Buffer.from(JSON.stringify(report.inputs), 'utf8');
    return { file: { fileName: fileNameOf(report.type, report.period, report.version, 'inputs'), contentType: CONTENT_TYPES.inputs, sha256: report.inputsSha256, size: bytes.length }, bytes };
  }
  const file = kind === 'inputs' ? report.inputsFile : report.files.find((candidate) => candidate.format === kind);
  if (file === undefined) throw new NotFoundError(reportNotFound(reportId));
  if (file.size > inlineUpTo) return { file, link: await ports.files.link(file.sha256, LINK_SECONDS) };
  const bytes = await ports.files.get(file.sha256);
  if (bytes === undefined) throw new Error(`report ${reportId}: its ${kind} file is missing`);
  return { file, bytes };
}

type StoredFile = Omit<ReportVersion['files'][number], 'format'>;

/** Who may read which report: the UCC both, each authority its own (reports-api.md). */
export const mayRead = (role: string, type: ReportType): boolean =>
  role === 'ucc_admin' || role === 'ucc_operator' || role === RECIPIENT_KIND[type];

/** Longer than a generation and a send take: a second run waits, a crashed run's period is taken over after it. */
export const DELIVERY_LEASE_MS = 10 * 60_000;

export interface DeliveryResult {
  delivered: string[];
  skipped: string[];
  breaches: string[];
}

const ddmmyyyy = (date: string) => `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;

/**
 * The scheduled delivery (issue 15 §4): every period owed since the last delivered (catch-up),
 * each claimed first (a conditional item per period: one delivery however many runs), generated
 * as a new version, its XLSX e-mailed (kk + ru) to the authority's official address from the
 * directory. Each period's due date is a monitored deadline (report-deadline.ts) from the first
 * run that sees the period — the owed ones and the one in progress — so a period the system
 * never got to deliver is breached by the deadline sweep when its due time passes. Delivery
 * closes it: met, or missed when after the due time (a breach: the UCC admin is told once).
 */
export async function deliverReports(type: ReportType, ports: DeliveryPorts): Promise<DeliveryResult> {
  const now = ports.clock.now();
  const result: DeliveryResult = { delivered: [], skipped: [], breaches: [] };
  const owed = periodsOwed(type, await ports.deliveries.lastDelivered(type), now);
  // §18: due the 5th of M+1; §13–§14: 10 calendar days after the quarter (each moved past days off).
  for (const period of [...owed, nextPeriod(type, lastEndedPeriod(type, now))]) await trackReportDeadline(type, period, deadlinePortsOf(ports));
  for (const period of owed) {
    const claim = await ports.deliveries.claim(type, period, now, DELIVERY_LEASE_MS);
    if (claim === 'delivered') {
      result.skipped.push(period);
      continue;
    }
    if (claim === 'leased') {
      // Another run holds it (or crashed holding it): the later periods wait too, so that the
      // last-delivered mark never passes a period not delivered (it is owed again next run).
      result.skipped.push(...owed.slice(owed.indexOf(period)));
      break;
    }
    try {
      const recipient = await ports.bodyOfKind(RECIPIENT_KIND[type]);
      if (recipient === undefined) throw new Error(`no ${RECIPIENT_KIND[type]} in the directory to send the ${type} report to`);
      const report = await generateReport(type, period, 'report-delivery', ports);
      const xlsx = report.files.find((file) => file.format === 'xlsx')!;
      const bytes = await ports.files.get(xlsx.sha256);
      if (bytes === undefined) throw new Error(`report ${report.reportId}: its XLSX is missing`);
      const title = REPORT_TITLES[type];
      await ports.mailer.send({
        to: [recipient.email],
        subject: `1414 БКО: ${title.kk}, ${period} / ЕКЦ 1414: ${title.ru}, ${period}`,
        text:
          `${title.kk} (${title.cite}), кезең ${period}, тіркемеде (XLSX). Тапсыру мерзімі: ${ddmmyyyy(report.dueDate)}.` +
          `\n\n* * *\n\n` +
          `${title.ru} (${title.cite}) за период ${period} во вложении (XLSX). Срок представления: ${ddmmyyyy(report.dueDate)}.` +
          `\n\n—\nUCC Interop · ${report.reportId} · sha256 ${xlsx.sha256}\nБұл хат автоматты түрде жіберілді. / Это письмо отправлено автоматически.`,
        attachments: [{ fileName: xlsx.fileName, contentType: xlsx.contentType, content: bytes.toString('base64') }],
      });
      const at = ports.clock.now();
      await ports.reports.markDelivered(type, period, report.version, at.toISOString());
      // Closed before the period is marked delivered: a crash between them delivers it again
      // next run, and this close finds the deadline closed (never one left open, then breached).
      await closeReportDeadline(type, period, at.toISOString(), deadlinePortsOf(ports));
      await ports.deliveries.delivered(type, period, report.reportId, at);
      result.delivered.push(period);
      if (at.getTime() > Date.parse(report.dueAt)) result.breaches.push(period);
    } catch (error) {
      await ports.deliveries.release(type, period);
      throw error;
    }
  }
  return result;
}

const deadlinePortsOf = (ports: DeliveryPorts): ReportDeadlinePorts => ({
  reportPeriods: ports.reportPeriods,
  calendars: ports.calendars,
  bodyOfKind: ports.bodyOfKind,
  clock: ports.clock,
});
