/**
 * Deadline arithmetic over the working-day calendar (DESIGN.md "Working days"). Each result keeps
 * its derivation: the days counted and the days skipped, with reasons, so a person can check it.
 *
 * Periods start on the day after the event's date in Asia/Almaty (Civil Code); a period in
 * working days ends at the end of its N-th working day.
 */
import {
  addDays,
  assertIsoDate,
  daysInMonth,
  endOfAlmatyDay,
  nextMonth,
  startOfAlmatyDay,
  toAlmatyDate,
} from './local-date.ts';
import type { DayStatus, WorkingCalendar } from './working-calendar.ts';

export interface DerivationStep {
  date: string;
  /** true for a day that counts towards the period */
  counted: boolean;
  /** position of a counted day within the period */
  dayNumber?: number;
  /** 'working day' | 'weekend' | 'holiday: Nauryz' | 'transfer-work: …' | 'period end moved to next working day' … */
  reason: string;
}

export interface Deadline {
  dueDate: string;
  /** ISO-8601 instant with the Asia/Almaty offset */
  dueAt: string;
  derivation: DerivationStep[];
}

export interface MoveOption {
  /** Civil Code: a period whose last day is not a working day ends on the next working day. */
  moveToWorkingDay: boolean;
}

export interface WorkingDayCount {
  count: number;
  days: string[];
}

/** Upper bound on a period's length, so a bad rule cannot spin through years. */
export const MAX_PERIOD_DAYS = 1000;

function assertPeriod(n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > MAX_PERIOD_DAYS) {
    throw new RangeError(`period must be an integer 1–${MAX_PERIOD_DAYS}, got ${n}`);
  }
}

function describe(status: DayStatus): string {
  if (status.entry) return `${status.reason}: ${status.entry.name.en}`;
  return status.reason === 'weekday' ? 'working day' : status.reason;
}

function eventStep(date: string): DerivationStep {
  return { date, counted: false, reason: 'event date (Asia/Almaty); the period starts the next day' };
}

function counted(date: string, dayNumber: number | undefined, reason: string): DerivationStep {
  return dayNumber === undefined ? { date, counted: true, reason } : { date, counted: true, dayNumber, reason };
}

/** Walks from the day after `date` to the n-th working day, recording every day. */
function nthWorkingDayAfter(date: string, n: number, cal: WorkingCalendar, steps: DerivationStep[]): string {
  let day = date;
  for (let count = 0; count < n; ) {
    day = addDays(day, 1);
    const status = cal.dayStatus(day);
    if (status.working) {
      count += 1;
      steps.push(counted(day, count, describe(status)));
    } else {
      steps.push({ date: day, counted: false, reason: describe(status) });
    }
  }
  return day;
}

/** The first working day after `date`; records the skipped days only. */
function firstWorkingDayAfter(date: string, cal: WorkingCalendar, steps: DerivationStep[]): string {
  for (let day = addDays(date, 1); ; day = addDays(day, 1)) {
    const status = cal.dayStatus(day);
    if (status.working) return day;
    steps.push({ date: day, counted: false, reason: describe(status) });
  }
}

function endOfDay(dueDate: string, derivation: DerivationStep[]): Deadline {
  return { dueDate, dueAt: endOfAlmatyDay(dueDate), derivation };
}

/** Ends a period on `lastDay`, moved to the next working day when the flag asks for it. */
function endPeriodOn(
  lastDay: string,
  dayNumber: number | undefined,
  reason: string,
  cal: WorkingCalendar,
  { moveToWorkingDay }: MoveOption,
  derivation: DerivationStep[],
): Deadline {
  if (!moveToWorkingDay) {
    derivation.push(counted(lastDay, dayNumber, reason));
    return endOfDay(lastDay, derivation);
  }
  const status = cal.dayStatus(lastDay);
  if (status.working) {
    derivation.push(counted(lastDay, dayNumber, `${reason} (${describe(status)})`));
    return endOfDay(lastDay, derivation);
  }
  derivation.push(counted(lastDay, dayNumber, `${reason} (${describe(status)}: not a working day)`));
  const moved = firstWorkingDayAfter(lastDay, cal, derivation);
  derivation.push({ date: moved, counted: false, reason: 'period end moved to next working day' });
  return endOfDay(moved, derivation);
}

function calendarDaysAfter(
  start: string,
  n: number,
  cal: WorkingCalendar,
  options: MoveOption,
  derivation: DerivationStep[],
): Deadline {
  for (let i = 1; i < n; i += 1) derivation.push(counted(addDays(start, i), i, 'calendar day'));
  return endPeriodOn(addDays(start, n), n, 'calendar day; last day of the period', cal, options, derivation);
}

/**
 * "Within N working days of event E" (§5–§8): day 1 is the first working day after E's Almaty
 * date, whether or not E fell on a working day; due at the end of the N-th working day.
 */
export function addWorkingDays(from: string | Date, n: number, cal: WorkingCalendar): Deadline {
  assertPeriod(n);
  const eventDate = toAlmatyDate(from);
  const derivation = [eventStep(eventDate)];
  return endOfDay(nthWorkingDayAfter(eventDate, n, cal, derivation), derivation);
}

/**
 * §9 "starts after N working days have passed": the first working day after the N-th working day.
 * `dueDate` is that start date and `dueAt` its beginning (00:00 Asia/Almaty).
 */
export function startAfterWorkingDays(from: string | Date, n: number, cal: WorkingCalendar): Deadline {
  assertPeriod(n);
  const eventDate = toAlmatyDate(from);
  const derivation = [eventStep(eventDate)];
  const nth = nthWorkingDayAfter(eventDate, n, cal, derivation);
  const startsOn = firstWorkingDayAfter(nth, cal, derivation);
  derivation.push({ date: startsOn, counted: false, reason: `starts: first working day after working day ${n}` });
  return { dueDate: startsOn, dueAt: startOfAlmatyDay(startsOn), derivation };
}

/** §14: within N calendar days after `periodEnd`, the last day of the reporting period. */
export function addCalendarDays(periodEnd: string, n: number, cal: WorkingCalendar, options: MoveOption): Deadline {
  assertIsoDate(periodEnd, 'periodEnd');
  assertPeriod(n);
  const derivation: DerivationStep[] = [
    { date: periodEnd, counted: false, reason: 'last day of the reporting period; counting starts the next day' },
  ];
  return calendarDaysAfter(periodEnd, n, cal, options, derivation);
}

/** N calendar days from event E: day 1 is the day after E's Almaty date; due at the end of day N. */
export function addCalendarDaysFrom(from: string | Date, n: number, cal: WorkingCalendar, options: MoveOption): Deadline {
  assertPeriod(n);
  const eventDate = toAlmatyDate(from);
  return calendarDaysAfter(eventDate, n, cal, options, [eventStep(eventDate)]);
}

/** §18: by day `day` of the month after `month` ('YYYY-MM'). */
export function byDayOfFollowingMonth(month: string, day: number, cal: WorkingCalendar, options: MoveOption): Deadline {
  const following = nextMonth(month);
  const last = daysInMonth(following);
  if (!Number.isInteger(day) || day < 1 || day > last) {
    throw new RangeError(`day must be an integer 1–${last} for ${following}, got ${day}`);
  }
  const target = `${following}-${String(day).padStart(2, '0')}`;
  return endPeriodOn(target, undefined, `day ${day} of the month following ${month}`, cal, options, []);
}

/** Working days from `fromDate` to `toDate`, both inclusive. */
export function countWorkingDays(fromDate: string, toDate: string, cal: WorkingCalendar): WorkingDayCount {
  assertIsoDate(fromDate, 'fromDate');
  assertIsoDate(toDate, 'toDate');
  if (toDate < fromDate) throw new RangeError(`toDate ${toDate} is before fromDate ${fromDate}`);
  const days: string[] = [];
  for (let day = fromDate; day <= toDate; day = addDays(day, 1)) {
    if (cal.isWorkingDay(day)) days.push(day);
  }
  return { count: days.length, days };
}
