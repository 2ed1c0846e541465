import type { CalendarStore, StoredCalendarYear } from './calendar-port.ts';
import { KZ_SEED } from './kz-seed.ts';
import { WorkingCalendar } from './working-calendar.ts';

/** The seed's version of a year (version 0), if the seed has it. */
export const seedYear = (year: number): StoredCalendarYear | undefined => {
  const seeded = KZ_SEED.find((candidate) => candidate.year === year);
  return seeded === undefined ? undefined : { ...seeded, version: 0, source: 'seed' };
};

/** Published years override the seed (kz-seed.ts); a year in neither is missing. */
export async function loadCalendarYears(store: CalendarStore): Promise<StoredCalendarYear[]> {
  const stored = await store.listStoredYears('KZ');
  const byYear = new Map<number, StoredCalendarYear>();
  for (const seeded of KZ_SEED) byYear.set(seeded.year, { ...seeded, version: 0, source: 'seed' });
  for (const published of stored) byYear.set(published.year, published);
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

export async function loadCalendarYear(store: CalendarStore, year: number): Promise<StoredCalendarYear | undefined> {
  return (await store.getStoredYear('KZ', year)) ?? seedYear(year);
}

/**
 * Compiled calendars kept per warm container, keyed by the years' `year:source:version`: a
 * published year gets a new version (a conditional write in the store), so a change shows in the
 * key and a kept calendar is never stale. A few sets are kept: the context reader's three years
 * around now and loadWorkingCalendar's every year, across a year's turn and a publication.
 */
const compiled = new Map<string, WorkingCalendar>();
const COMPILED_KEPT = 8;

/** The compiled calendar of these years, built once per set of versions (RangeError if invalid, as the constructor). */
export function workingCalendarOf(years: readonly StoredCalendarYear[]): WorkingCalendar {
  const signature = years.map((year) => `${year.year}:${year.source}:${year.version}`).join(',');
  let calendar = compiled.get(signature);
  if (calendar === undefined) {
    calendar = new WorkingCalendar(years);
    if (compiled.size >= COMPILED_KEPT) compiled.delete(compiled.keys().next().value as string);
    compiled.set(signature, calendar);
  }
  return calendar;
}

/** Every published year over the seed, compiled (once per set of versions). */
export async function loadWorkingCalendar(store: CalendarStore): Promise<WorkingCalendar> {
  return workingCalendarOf(await loadCalendarYears(store));
}
