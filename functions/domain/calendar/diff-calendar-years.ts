/**
 * The change hook's input: which dates changed between working and non-working when an admin
 * edits a calendar year, so open deadlines touching them can be recalculated.
 */
import type { CalendarEntry, CalendarYear } from './calendar-year.ts';
import { statusOfDay } from './working-calendar.ts';

function byDate(entries: readonly CalendarEntry[]): Map<string, CalendarEntry> {
  return new Map(entries.map((e) => [e.date, e]));
}

/**
 * Sorted dates whose working status differs between `before` and `after`. A missing `before`
 * counts as a year with no entries (plain Monday–Friday). Renames, new sources or a change between
 * two non-working kinds (e.g. holiday → moved) are not status changes.
 */
export function changedDates(before: CalendarYear | undefined, after: CalendarYear): string[] {
  if (before && before.year !== after.year) {
    throw new RangeError(`cannot compare calendar ${before.year} with ${after.year}`);
  }
  const old = byDate(before?.entries ?? []);
  const now = byDate(after.entries);
  const dates = new Set([...old.keys(), ...now.keys()]);
  return [...dates]
    .filter((date) => statusOfDay(date, old.get(date)).working !== statusOfDay(date, now.get(date)).working)
    .sort();
}
