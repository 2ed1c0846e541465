/**
 * A calendar year compiled for deadline arithmetic (issue 10): per day of the year a working flag,
 * the count of working days before it and the derivation's word for it, so that "the N-th working
 * day after day d" is two array reads instead of a walk, and a derivation costs only the days it
 * lists. Days are day numbers (local-date.ts); index 0 is 1 January.
 */
import type { CalendarEntry, CalendarYear } from './calendar-year.ts';
import { dayNumberOf, daysFromCivil, isoWeekdayOf, yearLength } from './local-date.ts';

export interface CompiledYear {
  readonly year: number;
  /** Day number of 1 January. */
  readonly first: number;
  /** 365 or 366. */
  readonly length: number;
  /** 1 for a working day, 0 for a day off, by day of the year. */
  readonly working: Uint8Array;
  /** Working days before each day of the year; `before[length]` is the year's total. */
  readonly before: Uint16Array;
  /** Day of the year of the k-th working day (k from 0). */
  readonly workingDays: Uint16Array;
  /** The calendar entry of each day, if it has one. */
  readonly entries: readonly (CalendarEntry | undefined)[];
  /** The derivation's reason for each day: 'working day', 'weekend', 'holiday: Nauryz', … */
  readonly reasons: readonly string[];
}

/** The derivation's reason for a day with `entry` (if any): its kind and English name. */
export function reasonOfDay(entry: CalendarEntry | undefined, weekend: boolean): string {
  if (entry) return `${entry.kind}: ${entry.name.en}`;
  return weekend ? 'weekend' : 'working day';
}

/**
 * Compiles a year already checked by validateCalendarYear. A day works when it is Monday–Friday
 * without an entry, or carries a transfer-work entry (docs/design.md "Working days"; statusOfDay in
 * working-calendar.ts says the same for one day).
 */
export function compileCalendarYear(calendar: CalendarYear): CompiledYear {
  const first = daysFromCivil(calendar.year, 1, 1);
  const length = yearLength(calendar.year);
  const entries: (CalendarEntry | undefined)[] = new Array<CalendarEntry | undefined>(length).fill(undefined);
  for (const entry of calendar.entries) entries[dayNumberOf(entry.date) - first] = entry;
  const working = new Uint8Array(length);
  const before = new Uint16Array(length + 1);
  const workingDays = new Uint16Array(length);
  const reasons = new Array<string>(length);
  let count = 0;
  for (let i = 0, weekday = isoWeekdayOf(first); i < length; i += 1, weekday = weekday === 7 ? 1 : weekday + 1) {
    const entry = entries[i];
    const weekend = weekday >= 6;
    if (entry === undefined ? !weekend : entry.kind === 'transfer-work') {
      working[i] = 1;
      workingDays[count] = i;
      count += 1;
    }
    before[i + 1] = count;
    reasons[i] = reasonOfDay(entry, weekend);
  }
  return {
    year: calendar.year,
    first,
    length,
    working,
    before,
    workingDays: workingDays.subarray(0, count),
    entries,
    reasons,
  };
}
