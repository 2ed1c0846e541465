/**
 * Deadline arithmetic over the working-day calendar (docs/design.md "Working days"). Each result keeps
 * its derivation: the days counted and the days skipped, with reasons, so a person can check it.
 *
 * Periods start on the day after the event's date in Asia/Almaty (Civil Code); a period in
 * working days ends at the end of its N-th working day.
 *
 * The due day comes from the compiled calendar's counts (working-calendar.ts); the derivation,
 * when asked for, lists the days between as a day-by-day walk would have seen them, with the
 * same errors (test/support/calendar-oracle.ts is that walk, the property tests compare the two).
 */
import {
  almatyDayNumber,
  dateOfDayNumber,
  dayNumberOf,
  daysInMonth,
  endOfAlmatyDayAt,
  nextMonth,
  startOfAlmatyDayAt,
} from './local-date.ts';
import type { WorkingCalendar } from './working-calendar.ts';

export interface DerivationStep {
  date: string;
  /** true for a day that counts towards the period */
  counted: boolean;
  /** position of a counted day within the period */
  dayNumber?: number;
  /** 'working day' | 'weekend' | 'holiday: Nauryz' | 'transfer-work: …' | 'period end moved to next working day' … */
  reason: string;
}

/** When a period ends, without its derivation. */
export interface DueMoment {
  dueDate: string;
  /** ISO-8601 instant with the Asia/Almaty offset */
  dueAt: string;
}

export interface Deadline extends DueMoment {
  derivation: DerivationStep[];
}

/**
 * `{ derivation: false }`: only the due moment, for a caller that would drop the derivation
 * (the same dates and errors, without building a step per day).
 */
export interface DerivationOption {
  derivation?: boolean;
}

type WithDerivation = { derivation?: true };
type WithoutDerivation = { derivation: false };
/** Where the steps go; undefined when none are wanted. */
type Steps = DerivationStep[] | undefined;

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

function eventStep(date: string): DerivationStep {
  return { date, counted: false, reason: 'event date (Asia/Almaty); the period starts the next day' };
}

function counted(date: string, dayNumber: number | undefined, reason: string): DerivationStep {
  return dayNumber === undefined ? { date, counted: true, reason } : { date, counted: true, dayNumber, reason };
}

const stepsFor = (options: DerivationOption | undefined): Steps => (options?.derivation === false ? undefined : []);

/**
 * The days after `after` up to `last`, as the walk saw them: working days counted 1, 2, …, the
 * others skipped with their reason. The caller found `last` in the calendar, so every year between is there.
 */
function listDays(after: number, last: number, cal: WorkingCalendar, steps: DerivationStep[]): void {
  let count = 0;
  for (let day = after + 1; day <= last; ) {
    const year = cal.compiledYearOf(day);
    const end = Math.min(last, year.first + year.length - 1);
    for (; day <= end; day += 1) {
      const i = day - year.first;
      const date = dateOfDayNumber(day);
      const reason = year.reasons[i] as string;
      if (year.working[i] === 1) {
        count += 1;
        steps.push({ date, counted: true, dayNumber: count, reason });
      } else {
        steps.push({ date, counted: false, reason });
      }
    }
  }
}

/** The n-th working day after `day`, its days listed when steps are wanted. */
function nthWorkingDayAfter(day: number, n: number, cal: WorkingCalendar, steps: Steps): number {
  const nth = cal.nthWorkingDayAfter(day, n);
  if (steps) listDays(day, nth, cal, steps);
  return nth;
}

/** The first working day after `day`; records the skipped days only. */
function firstWorkingDayAfter(day: number, cal: WorkingCalendar, steps: Steps): number {
  const next = cal.nthWorkingDayAfter(day, 1);
  if (steps) listDays(day, next - 1, cal, steps);
  return next;
}

function endOfDay(day: number, derivation: Steps): Deadline | DueMoment {
  const dueDate = dateOfDayNumber(day);
  const dueAt = endOfAlmatyDayAt(day, dueDate);
  return derivation === undefined ? { dueDate, dueAt } : { dueDate, dueAt, derivation };
}

/** Ends a period on `lastDay`, moved to the next working day when the flag asks for it. */
function endPeriodOn(
  lastDay: number,
  dayNumber: number | undefined,
  reason: string,
  cal: WorkingCalendar,
  moveToWorkingDay: boolean,
  derivation: Steps,
): Deadline | DueMoment {
  if (!moveToWorkingDay) {
    derivation?.push(counted(dateOfDayNumber(lastDay), dayNumber, reason));
    return endOfDay(lastDay, derivation);
  }
  const year = cal.compiledYearOf(lastDay);
  const i = lastDay - year.first;
  if (year.working[i] === 1) {
    derivation?.push(counted(dateOfDayNumber(lastDay), dayNumber, `${reason} (${year.reasons[i]})`));
    return endOfDay(lastDay, derivation);
  }
  derivation?.push(counted(dateOfDayNumber(lastDay), dayNumber, `${reason} (${year.reasons[i]}: not a working day)`));
  const moved = firstWorkingDayAfter(lastDay, cal, derivation);
  derivation?.push({ date: dateOfDayNumber(moved), counted: false, reason: 'period end moved to next working day' });
  return endOfDay(moved, derivation);
}

/** Days 1 … n after `start` (no calendar needed for them), the last one ending the period. */
function calendarDaysAfter(start: number, n: number, cal: WorkingCalendar, moveToWorkingDay: boolean, derivation: Steps): Deadline | DueMoment {
  if (derivation) for (let i = 1; i < n; i += 1) derivation.push(counted(dateOfDayNumber(start + i), i, 'calendar day'));
  return endPeriodOn(start + n, n, 'calendar day; last day of the period', cal, moveToWorkingDay, derivation);
}

/**
 * "Within N working days of event E" (§5–§8): day 1 is the first working day after E's Almaty
 * date, whether or not E fell on a working day; due at the end of the N-th working day.
 */
export function addWorkingDays(from: string | Date, n: number, cal: WorkingCalendar, options?: WithDerivation): Deadline;
export function addWorkingDays(from: string | Date, n: number, cal: WorkingCalendar, options: WithoutDerivation): DueMoment;
export function addWorkingDays(from: string | Date, n: number, cal: WorkingCalendar, options?: DerivationOption): Deadline | DueMoment;
export function addWorkingDays(from: string | Date, n: number, cal: WorkingCalendar, options?: DerivationOption): Deadline | DueMoment {
  assertPeriod(n);
  const event = almatyDayNumber(from);
  const derivation = stepsFor(options);
  derivation?.push(eventStep(dateOfDayNumber(event)));
  return endOfDay(nthWorkingDayAfter(event, n, cal, derivation), derivation);
}

/**
 * §9 "starts after N working days have passed": the first working day after the N-th working day.
 * `dueDate` is that start date and `dueAt` its beginning (00:00 Asia/Almaty).
 */
export function startAfterWorkingDays(from: string | Date, n: number, cal: WorkingCalendar, options?: WithDerivation): Deadline;
export function startAfterWorkingDays(from: string | Date, n: number, cal: WorkingCalendar, options: WithoutDerivation): DueMoment;
export function startAfterWorkingDays(from: string | Date, n: number, cal: WorkingCalendar, options?: DerivationOption): Deadline | DueMoment;
export function startAfterWorkingDays(from: string | Date, n: number, cal: WorkingCalendar, options?: DerivationOption): Deadline | DueMoment {
  assertPeriod(n);
  const event = almatyDayNumber(from);
  const derivation = stepsFor(options);
  derivation?.push(eventStep(dateOfDayNumber(event)));
  const nth = nthWorkingDayAfter(event, n, cal, derivation);
  const startsOn = firstWorkingDayAfter(nth, cal, derivation);
  const dueDate = dateOfDayNumber(startsOn);
  const dueAt = startOfAlmatyDayAt(startsOn, dueDate);
  if (derivation === undefined) return { dueDate, dueAt };
  derivation.push({ date: dueDate, counted: false, reason: `starts: first working day after working day ${n}` });
  return { dueDate, dueAt, derivation };
}

type CalendarDayOptions = MoveOption & DerivationOption;

/** §14: within N calendar days after `periodEnd`, the last day of the reporting period. */
export function addCalendarDays(periodEnd: string, n: number, cal: WorkingCalendar, options: MoveOption & WithDerivation): Deadline;
export function addCalendarDays(periodEnd: string, n: number, cal: WorkingCalendar, options: MoveOption & WithoutDerivation): DueMoment;
export function addCalendarDays(periodEnd: string, n: number, cal: WorkingCalendar, options: CalendarDayOptions): Deadline | DueMoment;
export function addCalendarDays(periodEnd: string, n: number, cal: WorkingCalendar, options: CalendarDayOptions): Deadline | DueMoment {
  const start = dayNumberOf(periodEnd, 'periodEnd');
  assertPeriod(n);
  const derivation = stepsFor(options);
  derivation?.push({ date: periodEnd, counted: false, reason: 'last day of the reporting period; counting starts the next day' });
  return calendarDaysAfter(start, n, cal, options.moveToWorkingDay, derivation);
}

/** N calendar days from event E: day 1 is the day after E's Almaty date; due at the end of day N. */
export function addCalendarDaysFrom(from: string | Date, n: number, cal: WorkingCalendar, options: MoveOption & WithDerivation): Deadline;
export function addCalendarDaysFrom(from: string | Date, n: number, cal: WorkingCalendar, options: MoveOption & WithoutDerivation): DueMoment;
export function addCalendarDaysFrom(from: string | Date, n: number, cal: WorkingCalendar, options: CalendarDayOptions): Deadline | DueMoment;
export function addCalendarDaysFrom(from: string | Date, n: number, cal: WorkingCalendar, options: CalendarDayOptions): Deadline | DueMoment {
  assertPeriod(n);
  const event = almatyDayNumber(from);
  const derivation = stepsFor(options);
  derivation?.push(eventStep(dateOfDayNumber(event)));
  return calendarDaysAfter(event, n, cal, options.moveToWorkingDay, derivation);
}

/** §18: by day `day` of the month after `month` ('YYYY-MM'). */
export function byDayOfFollowingMonth(month: string, day: number, cal: WorkingCalendar, options: MoveOption & WithDerivation): Deadline;
export function byDayOfFollowingMonth(month: string, day: number, cal: WorkingCalendar, options: MoveOption & WithoutDerivation): DueMoment;
export function byDayOfFollowingMonth(month: string, day: number, cal: WorkingCalendar, options: CalendarDayOptions): Deadline | DueMoment;
export function byDayOfFollowingMonth(month: string, day: number, cal: WorkingCalendar, options: CalendarDayOptions): Deadline | DueMoment {
  const following = nextMonth(month);
  const last = daysInMonth(following);
  if (!Number.isInteger(day) || day < 1 || day > last) {
    throw new RangeError(`day must be an integer 1–${last} for ${following}, got ${day}`);
  }
  const target = dayNumberOf(`${following}-${String(day).padStart(2, '0')}`);
  return endPeriodOn(target, undefined, `day ${day} of the month following ${month}`, cal, options.moveToWorkingDay, stepsFor(options));
}

/** Working days from `fromDate` to `toDate`, both inclusive. */
export function countWorkingDays(fromDate: string, toDate: string, cal: WorkingCalendar): WorkingDayCount {
  const from = dayNumberOf(fromDate, 'fromDate');
  const to = dayNumberOf(toDate, 'toDate');
  if (to < from) throw new RangeError(`toDate ${toDate} is before fromDate ${fromDate}`);
  const days: string[] = [];
  // Year by year, ascending: a missing year throws as the walk's first day in it did.
  for (let day = from; day <= to; ) {
    const year = cal.compiledYearOf(day);
    const end = Math.min(to, year.first + year.length - 1);
    for (let k = year.before[day - year.first] as number; k < (year.before[end - year.first + 1] as number); k += 1) {
      days.push(dateOfDayNumber(year.first + (year.workingDays[k] as number)));
    }
    day = end + 1;
  }
  return { count: days.length, days };
}
