/**
 * The deadline arithmetic as it was before the compiled calendar (commit 2909801), kept as the
 * test oracle and the benchmark's baseline: a Map of entries per year, and functions that walk
 * day by day over date strings. Slow and obviously right; the compiled calendar
 * (functions/domain/calendar/) must give the same deadlines and throw the same errors.
 *
 * The date helpers it shares with the code under test (addDays, isWeekend, …) are pinned by
 * local-date.test.ts against Date round trips, and so is the calendar's validation; the instant
 * → Almaty date conversion and the day's end are its own, as they were (Intl, string comparison).
 */
import type { CalendarEntry, CalendarYear } from '#domain/calendar/calendar-year.ts';
import type { Deadline, DerivationStep, MoveOption, WorkingDayCount } from '#domain/calendar/compute-deadline.ts';
import { MAX_PERIOD_DAYS } from '#domain/calendar/compute-deadline.ts';
import { addDays, assertIsoDate, daysInMonth, isIsoDate, nextMonth, yearOf } from '#domain/calendar/local-date.ts';
import { assertCalendarYears, CalendarYearMissingError, statusOfDay, type DayStatus } from '#domain/calendar/working-calendar.ts';

const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/i;
const UTC5_FROM = '2024-03-01';

const almatyDateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Almaty',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date of an instant in Asia/Almaty, asked of Intl on every call. */
export function toAlmatyDateByIntl(instant: string | Date): string {
  if (typeof instant === 'string' && (!INSTANT_RE.test(instant) || !isIsoDate(instant.slice(0, 10)))) {
    throw new RangeError(`instant must be ISO-8601 with an offset, got "${instant}"`);
  }
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`invalid instant "${String(instant)}"`);
  const parts = almatyDateFormat.formatToParts(ms);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

function endOfAlmatyDay(date: string): string {
  assertIsoDate(date);
  return `${date}T23:59:59.999${addDays(date, 1) >= UTC5_FROM ? '+05:00' : '+06:00'}`;
}

function startOfAlmatyDay(date: string): string {
  assertIsoDate(date);
  return `${date}T00:00:00.000${date >= UTC5_FROM ? '+05:00' : '+06:00'}`;
}

/** The working-day calendar as a Map of entries per year, looked up day by day. */
export class OracleCalendar {
  readonly #years = new Map<number, ReadonlyMap<string, CalendarEntry>>();

  constructor(years: readonly CalendarYear[]) {
    assertCalendarYears(years);
    for (const cy of years) this.#years.set(cy.year, new Map(cy.entries.map((e) => [e.date, e])));
  }

  hasYear(year: number): boolean {
    return this.#years.has(year);
  }

  years(): number[] {
    return [...this.#years.keys()].sort((a, b) => a - b);
  }

  dayStatus(date: string): DayStatus {
    assertIsoDate(date);
    const year = yearOf(date);
    const entries = this.#years.get(year);
    if (!entries) throw new CalendarYearMissingError(year);
    return statusOfDay(date, entries.get(date));
  }

  isWorkingDay(date: string): boolean {
    return this.dayStatus(date).working;
  }
}

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

function nthWorkingDayAfter(date: string, n: number, cal: OracleCalendar, steps: DerivationStep[]): string {
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

function firstWorkingDayAfter(date: string, cal: OracleCalendar, steps: DerivationStep[]): string {
  for (let day = addDays(date, 1); ; day = addDays(day, 1)) {
    const status = cal.dayStatus(day);
    if (status.working) return day;
    steps.push({ date: day, counted: false, reason: describe(status) });
  }
}

function endOfDay(dueDate: string, derivation: DerivationStep[]): Deadline {
  return { dueDate, dueAt: endOfAlmatyDay(dueDate), derivation };
}

function endPeriodOn(
  lastDay: string,
  dayNumber: number | undefined,
  reason: string,
  cal: OracleCalendar,
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

function calendarDaysAfter(start: string, n: number, cal: OracleCalendar, options: MoveOption, derivation: DerivationStep[]): Deadline {
  for (let i = 1; i < n; i += 1) derivation.push(counted(addDays(start, i), i, 'calendar day'));
  return endPeriodOn(addDays(start, n), n, 'calendar day; last day of the period', cal, options, derivation);
}

export function addWorkingDays(from: string | Date, n: number, cal: OracleCalendar): Deadline {
  assertPeriod(n);
  const eventDate = toAlmatyDateByIntl(from);
  const derivation = [eventStep(eventDate)];
  return endOfDay(nthWorkingDayAfter(eventDate, n, cal, derivation), derivation);
}

export function startAfterWorkingDays(from: string | Date, n: number, cal: OracleCalendar): Deadline {
  assertPeriod(n);
  const eventDate = toAlmatyDateByIntl(from);
  const derivation = [eventStep(eventDate)];
  const nth = nthWorkingDayAfter(eventDate, n, cal, derivation);
  const startsOn = firstWorkingDayAfter(nth, cal, derivation);
  derivation.push({ date: startsOn, counted: false, reason: `starts: first working day after working day ${n}` });
  return { dueDate: startsOn, dueAt: startOfAlmatyDay(startsOn), derivation };
}

export function addCalendarDays(periodEnd: string, n: number, cal: OracleCalendar, options: MoveOption): Deadline {
  assertIsoDate(periodEnd, 'periodEnd');
  assertPeriod(n);
  const derivation: DerivationStep[] = [
    { date: periodEnd, counted: false, reason: 'last day of the reporting period; counting starts the next day' },
  ];
  return calendarDaysAfter(periodEnd, n, cal, options, derivation);
}

export function addCalendarDaysFrom(from: string | Date, n: number, cal: OracleCalendar, options: MoveOption): Deadline {
  assertPeriod(n);
  const eventDate = toAlmatyDateByIntl(from);
  return calendarDaysAfter(eventDate, n, cal, options, [eventStep(eventDate)]);
}

export function byDayOfFollowingMonth(month: string, day: number, cal: OracleCalendar, options: MoveOption): Deadline {
  const following = nextMonth(month);
  const last = daysInMonth(following);
  if (!Number.isInteger(day) || day < 1 || day > last) {
    throw new RangeError(`day must be an integer 1–${last} for ${following}, got ${day}`);
  }
  const target = `${following}-${String(day).padStart(2, '0')}`;
  return endPeriodOn(target, undefined, `day ${day} of the month following ${month}`, cal, options, []);
}

export function countWorkingDays(fromDate: string, toDate: string, cal: OracleCalendar): WorkingDayCount {
  assertIsoDate(fromDate, 'fromDate');
  assertIsoDate(toDate, 'toDate');
  if (toDate < fromDate) throw new RangeError(`toDate ${toDate} is before fromDate ${fromDate}`);
  const days: string[] = [];
  for (let day = fromDate; day <= toDate; day = addDays(day, 1)) {
    if (cal.isWorkingDay(day)) days.push(day);
  }
  return { count: days.length, days };
}
