import { addWorkingDays, type DerivationStep } from '../calendar/compute-deadline.ts';
import { addDays } from '../calendar/local-date.ts';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import type { Localized } from '../acceptance/acceptance.ts';

/**
 * One open deadline under watch (deadline monitor): when it is due, who must act, the rulebook
 * version, and the moments its notices fall due. Found through the sparse `due` index by the
 * time of its next notice, so a sweep costs what is due, not what is stored.
 */
export const NOTICE_STAGES = ['reminder', 'dueDay', 'breach', 'escalation'] as const;
export type NoticeStage = (typeof NOTICE_STAGES)[number];

/**
 * The case a deadline belongs to: an acceptance (§4–§9), a UCC request for information
 * (§10–§11), a quality authority's training request (§19), a reporting discrepancy (§20), a
 * complaint's review period (§17), a period's scheduled report (§13–§14, §18: `rpt-<type>-<period>`).
 * Case ids start with the type's prefix.
 */
export const SUBJECT_PREFIXES = { acceptance: 'acc-', informationRequest: 'req-', qaTraining: 'trn-', discrepancy: 'dsc-', complaint: 'cmp-', report: 'rpt-' } as const;
export type SubjectType = keyof typeof SUBJECT_PREFIXES;
export const subjectTypeOfId = (id: string): SubjectType | undefined =>
  (Object.entries(SUBJECT_PREFIXES) as [SubjectType, string][]).find(([, prefix]) => id.startsWith(prefix))?.[0];

export interface DeadlineSubject {
  type: SubjectType;
  id: string;
  bodyId: string;
  serviceCode?: string;
  serviceName?: Localized;
}

export interface MonitoredDeadline {
  id: string;
  subject: DeadlineSubject;
  key: string;
  cite: string;
  rulebookId: string;
  party: 'body' | 'ucc';
  from: string;
  dueDate: string;
  dueAt: string;
  derivation: DerivationStep[];
  status: 'open' | 'met' | 'missed' | 'cancelled';
  /** When each notice falls due (absent: not applicable, e.g. a reminder before the deadline existed). */
  stages: Partial<Record<NoticeStage, string>>;
  /** When each notice was sent, or skipped (a reminder after the breach would only confuse). */
  notices: Partial<Record<NoticeStage, { at: string; outcome: 'sent' | 'skipped' }>>;
  breachedAt?: string;
  closedAt?: string;
  /** The owner's version whose move was applied last (moves can arrive out of order). */
  sourceVersion?: number;
  createdAt: string;
  version: number;
}

/** Almaty morning (09:00 +05:00) of a date: when reminders go out. */
export const morningOf = (date: string): string => new Date(`${date}T09:00:00+05:00`).toISOString();

function previousWorkingDay(date: string, calendar: WorkingCalendar): string {
  let day = addDays(date, -1);
  for (let guard = 0; guard < 60 && !calendar.isWorkingDay(day); guard += 1) day = addDays(day, -1);
  return day;
}

/**
 * The notice moments of a deadline: a reminder on the morning of the working day before the
 * due day, one on the morning of the due day, the breach notice the moment the period ends,
 * and the escalation once `escalationWorkingDays` more working days have passed unmet.
 */
export function noticeStages(
  deadline: Pick<MonitoredDeadline, 'dueDate' | 'dueAt'>,
  createdAt: string,
  calendar: WorkingCalendar,
  escalationWorkingDays: number,
): Partial<Record<NoticeStage, string>> {
  const reminder = morningOf(previousWorkingDay(deadline.dueDate, calendar));
  const dueDay = morningOf(deadline.dueDate);
  const breach = new Date(Date.parse(deadline.dueAt) + 1).toISOString();
  const escalation = new Date(Date.parse(addWorkingDays(deadline.dueAt, escalationWorkingDays, calendar, { derivation: false }).dueAt) + 1).toISOString();
  const created = Date.parse(createdAt);
  return {
    ...(Date.parse(reminder) > created ? { reminder } : {}),
    ...(Date.parse(dueDay) > created ? { dueDay } : {}),
    breach,
    escalation,
  };
}

/**
 * The scheduled reports (§13–§14, §18) are the UCC's own duty, and its breach notice already goes
 * to the UCC admin: no escalation to the UCC of the UCC's own breach.
 */
const UNESCALATED_KEYS: readonly string[] = ['monthlyReport', 'quarterlyReport'];

export function stagesOfKey(key: string, stages: Partial<Record<NoticeStage, string>>): Partial<Record<NoticeStage, string>> {
  if (!UNESCALATED_KEYS.includes(key)) return stages;
  const { escalation: _escalation, ...rest } = stages;
  return rest;
}

/** The earliest notice not yet sent or skipped, if the deadline is still open. */
export function nextNoticeAt(deadline: Pick<MonitoredDeadline, 'status' | 'stages' | 'notices'>): string | undefined {
  if (deadline.status !== 'open') return undefined;
  return NOTICE_STAGES.map((stage) => (deadline.notices[stage] === undefined ? deadline.stages[stage] : undefined))
    .filter((at): at is string => at !== undefined)
    .sort()[0];
}
