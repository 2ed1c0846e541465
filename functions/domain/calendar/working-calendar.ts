/**
 * Working days in Kazakhstan: Monday–Friday that is not a day off, plus weekend days made working
 * by a transfer act (DESIGN.md "Working days"). A year without calendar data is an error, never a guess.
 */
import { validateCalendarYear, type CalendarEntry, type CalendarYear, type EntryKind } from './calendar-year.ts';
import { assertIsoDate, isWeekend, yearOf } from './local-date.ts';

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

export class WorkingCalendar {
  readonly #years = new Map<number, ReadonlyMap<string, CalendarEntry>>();

  /** Throws RangeError on a repeated year or an invalid year (see validateCalendarYear). */
  constructor(years: readonly CalendarYear[]) {
    for (const cy of years) {
      if (this.#years.has(cy.year)) throw new RangeError(`calendar year ${cy.year} given twice`);
      const problems = validateCalendarYear(cy.year, cy.entries);
      const first = problems[0];
      if (first) throw new RangeError(`invalid calendar ${cy.year}: ${first.field}: ${first.message}`);
      this.#years.set(cy.year, new Map(cy.entries.map((e) => [e.date, e])));
    }
  }

  hasYear(year: number): boolean {
    return this.#years.has(year);
  }

  /** The years this calendar covers, ascending. */
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
