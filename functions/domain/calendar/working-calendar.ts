/**
 * Working days in Kazakhstan: Monday–Friday that is not a day off, plus weekend days made working
 * by a transfer act (docs/design.md "Working days"). A year without calendar data is an error, never a guess.
 */
import { validateCalendarYear, type CalendarEntry, type CalendarYear, type EntryKind } from './calendar-year.ts';
import { compileCalendarYear, type CompiledYear } from './compile-calendar-year.ts';
import { assertIsoDate, dateOfDayNumber, dayNumberOf, isWeekend, yearOfDayNumber } from './local-date.ts';

export class CalendarYearMissingError extends Error {
  override readonly name = 'CalendarYearMissingError';
  readonly year: number;

  constructor(year: number) {
    super(`No working-day calendar for ${year}; an admin must publish it before deadlines in ${year} can be computed`);
    this.year = year;
  }
}

export type DayReason = 'weekday' | 'weekend' | EntryKind;

export interface DayStatus {
  working: boolean;
  reason: DayReason;
  entry?: CalendarEntry;
}

/** Status of `date` given its calendar entry (if any); the one rule every consumer shares. */
export function statusOfDay(date: string, entry: CalendarEntry | undefined): DayStatus {
  if (entry) return { working: entry.kind === 'transfer-work', reason: entry.kind, entry };
  return isWeekend(date) ? { working: false, reason: 'weekend' } : { working: true, reason: 'weekday' };
}

/** RangeError on a year given twice or an invalid one (validateCalendarYear), in the order given. */
export function assertCalendarYears(years: readonly CalendarYear[]): void {
  const seen = new Set<number>();
  for (const cy of years) {
    if (seen.has(cy.year)) throw new RangeError(`calendar year ${cy.year} given twice`);
    seen.add(cy.year);
    const first = validateCalendarYear(cy.year, cy.entries)[0];
    if (first) throw new RangeError(`invalid calendar ${cy.year}: ${first.field}: ${first.message}`);
  }
}

/**
 * The calendar compiled (compile-calendar-year.ts): every question is answered from per-year
 * tables. Build it once per set of year versions (workingCalendarOf in load-calendar-years.ts).
 */
export class WorkingCalendar {
  readonly #years = new Map<number, CompiledYear>();
  /** The years by `year - #firstYear`, holes for missing years: the hot path's lookup. */
  readonly #byYear: (CompiledYear | undefined)[] = [];
  readonly #firstYear: number = 0;

  /** Throws RangeError on a repeated year or an invalid year (see assertCalendarYears). */
  constructor(years: readonly CalendarYear[]) {
    assertCalendarYears(years);
    for (const cy of years) this.#years.set(cy.year, compileCalendarYear(cy));
    const sorted = this.years();
    this.#firstYear = sorted[0] ?? 0;
    for (const year of sorted) this.#byYear[year - this.#firstYear] = this.#years.get(year);
  }

  hasYear(year: number): boolean {
    return this.#years.has(year);
  }

  /** The years this calendar covers, ascending. */
  years(): number[] {
    return [...this.#years.keys()].sort((a, b) => a - b);
  }

  dayStatus(date: string): DayStatus {
    const day = dayNumberOf(date);
    const year = this.compiledYearOf(day);
    return statusOfDay(date, year.entries[day - year.first]);
  }

  isWorkingDay(date: string): boolean {
    const day = dayNumberOf(date);
    const year = this.compiledYearOf(day);
    return year.working[day - year.first] === 1;
  }

  /** The compiled year of day number `day`; CalendarYearMissingError when this calendar lacks it. */
  compiledYearOf(day: number): CompiledYear {
    const year = yearOfDayNumber(day);
    const compiled = this.#byYear[year - this.#firstYear];
    if (compiled !== undefined) return compiled;
    // Past 9999 the walk's date string ('+010000-01') failed its date check before any year lookup.
    if (year < 0 || year > 9999) assertIsoDate(dateOfDayNumber(day));
    throw new CalendarYearMissingError(year);
  }

  /**
   * Day number of the n-th working day after day `day` (n ≥ 1): within a year one read of the
   * prefix counts, then year by year. A missing year throws where a day-by-day walk would first
   * step into it.
   */
  nthWorkingDayAfter(day: number, n: number): number {
    let year = this.compiledYearOf(day + 1);
    let index = day + 1 - year.first;
    for (let left = n; ; ) {
      const rank = year.before[index] as number;
      const available = (year.before[year.length] as number) - rank;
      if (left <= available) return year.first + (year.workingDays[rank + left - 1] as number);
      left -= available;
      const next = this.#byYear[year.year + 1 - this.#firstYear];
      if (next === undefined) throw new CalendarYearMissingError(year.year + 1);
      year = next;
      index = 0;
    }
  }
}
