import type { DeadlineRecord } from '../acceptance/acceptance.ts';
import type { Quarter } from '../appeals/appeal-counts.ts';
import type { CalendarStore } from '../calendar/calendar-port.ts';
import { loadWorkingCalendar } from '../calendar/load-calendar-years.ts';
import { daysInMonth } from '../calendar/local-date.ts';
import { closeCaseDeadline, openCaseDeadline, recountAndSave, recountCaseDeadlines } from '../deadlines/case-deadline.ts';
import { deadlineMessage } from '../deadlines/deadline-messages.ts';
import type { DeadlineSubject, MonitoredDeadline } from '../deadlines/monitored-deadline.ts';
import type { Body } from '../directory/body.ts';
import { ConcurrentUpdateError } from '../errors.ts';
import type { Clock, DomainEvent, OutboxMessage } from '../ports.ts';
import { rulebookOn, type Rulebook } from '../rulebook/rulebook.ts';
import { SEED_RULEBOOKS } from '../rulebook/seed-rulebooks.ts';
import { lastDayOfQuarter } from './quarterly-appeals.ts';
import { RECIPIENT_KIND, REPORT_TITLES, type ReportType } from './report.ts';

/**
 * A period's report as a monitored deadline: the UCC owes the report of each period by its legal
 * due date (§18: the 5th of the next month; §13–§14: 10 calendar days after the quarter; a last
 * day off moves to the next working day). The period's own small case (`rpt-<type>-<period>`)
 * owns the deadline like any other case: opening it emits DeadlineOpened (the monitor tracks it,
 * GET /v1/deadlines lists it, the sweep breaches it), delivery emits DeadlineClosed (met, or
 * missed when after the due time).
 */
export interface ReportPeriodCase {
  id: string;
  type: ReportType;
  period: string;
  /** The authority the report is for (its deadlines list under it, not under any body's). */
  bodyId: string;
  rulebookId: string;
  status: 'open' | 'delivered';
  openedAt: string;
  deadlines: DeadlineRecord[];
  version: number;
}

export interface ReportPeriodStore {
  get(id: string): Promise<ReportPeriodCase | undefined>;
  /** Conditional create: false when the period's case exists (a second run, a re-drive). */
  create(state: ReportPeriodCase, events: DomainEvent[], messages: OutboxMessage[]): Promise<boolean>;
  save(state: ReportPeriodCase, expectedVersion: number, events: DomainEvent[], messages: OutboxMessage[]): Promise<void>;
}

export interface ReportDeadlinePorts {
  reportPeriods: ReportPeriodStore;
  calendars: CalendarStore;
  bodyOfKind(kind: Body['kind']): Promise<Body | undefined>;
  clock: Clock;
}

/** §18 monthlyReport, §14 quarterlyReport: the rule of each report type in the rulebook. */
export const REPORT_DEADLINE_KEY = { 'monthly-complaints': 'monthlyReport', 'quarterly-appeals': 'quarterlyReport' } as const;

export const reportPeriodId = (type: ReportType, period: string): string => `rpt-${type}-${period}`;

/** What the rule counts from: the month itself (§18, "by the 5th of the next month"), or the quarter's last day (§14). */
const countedFrom = (type: ReportType, period: string): string => (type === 'monthly-complaints' ? period : lastDayOfQuarter(period as Quarter));

/** The rulebook in force on the period's last day (as the report's own generation takes it). */
export const rulebookOfPeriod = (type: ReportType, period: string): Rulebook =>
  rulebookOn(type === 'monthly-complaints' ? `${period}-${String(daysInMonth(period)).padStart(2, '0')}` : lastDayOfQuarter(period as Quarter), SEED_RULEBOOKS);

const rulebookById = (id: string): Rulebook => SEED_RULEBOOKS.find((book) => book.id === id) ?? SEED_RULEBOOKS[0]!;

const subjectOf = (type: ReportType, period: string, bodyId: string): DeadlineSubject => ({
  type: 'report',
  id: reportPeriodId(type, period),
  bodyId,
  serviceName: { kk: `${REPORT_TITLES[type].kk}, ${period}`, ru: `${REPORT_TITLES[type].ru}, ${period}` },
});

const aggregateOf = (id: string) => ({ type: 'ReportPeriod', id });

/**
 * Puts the period's due date under watch, once: a second run or a re-drive finds the case and
 * writes nothing. Nothing is tracked while the directory has no recipient (delivery fails then too).
 */
export async function trackReportDeadline(type: ReportType, period: string, ports: ReportDeadlinePorts): Promise<ReportPeriodCase | undefined> {
  const id = reportPeriodId(type, period);
  const existing = await ports.reportPeriods.get(id);
  if (existing !== undefined) return existing;
  const recipient = await ports.bodyOfKind(RECIPIENT_KIND[type]);
  if (recipient === undefined) return undefined;
  const now = ports.clock.now();
  const rulebook = rulebookOfPeriod(type, period);
  const calendar = await loadWorkingCalendar(ports.calendars);
  // The UCC is the party: its report, its breach (told to the UCC admin, not on a body's §21 record).
  const { deadline, event } = openCaseDeadline(REPORT_DEADLINE_KEY[type], 'ucc', subjectOf(type, period, recipient.id), aggregateOf(id), {
    now,
    actor: 'report-delivery',
    calendar,
    rulebook,
  }, { from: countedFrom(type, period) });
  const state: ReportPeriodCase = { id, type, period, bodyId: recipient.id, rulebookId: rulebook.id, status: 'open', openedAt: now.toISOString(), deadlines: [deadline], version: 1 };
  if (await ports.reportPeriods.create(state, [event], [])) return state;
  return ports.reportPeriods.get(id);
}

/**
 * The breach notice to the UCC admin, as the deadline monitor words and names it: its message id
 * is the monitor's own (`<deadline>:breach:<due>`), so a late delivery and the sweep's breach of
 * the same lateness send one e-mail between them (the mail ledger sends a message id once).
 */
export function reportBreachMessage(state: ReportPeriodCase, record: DeadlineRecord, uccEmail: string): OutboxMessage {
  const monitored: MonitoredDeadline = {
    ...record,
    subject: subjectOf(state.type, state.period, state.bodyId),
    stages: {},
    notices: {},
    createdAt: state.openedAt,
    version: 1,
  };
  return deadlineMessage(monitored, 'breach', [uccEmail]);
}

/**
 * Delivery closes the period's deadline: met when delivered by the due time, missed (late) after
 * it — and then the UCC admin is told, once (reportBreachMessage). Idempotent: closed stays closed.
 * Returns the closed record, or undefined when nothing was open.
 */
export async function closeReportDeadline(type: ReportType, period: string, deliveredAt: string, ports: ReportDeadlinePorts): Promise<DeadlineRecord | undefined> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    // A period delivered before it was ever watched is tracked first, so that its outcome is recorded.
    const state = await trackReportDeadline(type, period, ports);
    if (state === undefined) return undefined;
    const now = ports.clock.now();
    const closed = closeCaseDeadline(state.deadlines, REPORT_DEADLINE_KEY[type], deliveredAt, state.bodyId, aggregateOf(state.id), { now, actor: 'report-delivery' });
    if (closed.event === undefined) return undefined;
    const record = closed.deadlines.find((deadline) => deadline.key === REPORT_DEADLINE_KEY[type])!;
    const ucc = record.status === 'missed' ? await ports.bodyOfKind('ucc') : undefined;
    const next: ReportPeriodCase = { ...state, status: 'delivered', deadlines: closed.deadlines, version: state.version + 1 };
    try {
      await ports.reportPeriods.save(next, state.version, [closed.event], ucc === undefined ? [] : [reportBreachMessage(state, record, ucc.email)]);
      return record;
    } catch (error) {
      if (!(error instanceof ConcurrentUpdateError) || attempt === 2) throw error;
    }
  }
  return undefined;
}

/** After a calendar change moved a day of its period: the due date recounted (DeadlineMoved). */
export function recalculateReportDeadline(id: string, deadlineIds: string[], page: string, ports: ReportDeadlinePorts): Promise<boolean> {
  return recountAndSave(
    page,
    () => ports.reportPeriods.get(id),
    async (state) => {
      const now = ports.clock.now();
      const calendar = await loadWorkingCalendar(ports.calendars);
      const subject = subjectOf(state.type, state.period, state.bodyId);
      const recounted = recountCaseDeadlines(state.deadlines, deadlineIds, subject, aggregateOf(id), state.version + 1, {
        now,
        actor: 'calendar-change',
        calendar,
        rulebook: rulebookById(state.rulebookId),
      });
      if (recounted.events.length === 0) return undefined;
      return { state: { ...state, deadlines: recounted.deadlines, version: state.version + 1 }, events: recounted.events, messages: [] };
    },
    (state, expectedVersion, events, messages) => ports.reportPeriods.save(state, expectedVersion, events, messages),
  );
}
