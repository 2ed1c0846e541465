import type { CalendarStore, StoredCalendarYear } from './calendar-store.ts';
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

export async function loadWorkingCalendar(store: CalendarStore): Promise<WorkingCalendar> {
  return new WorkingCalendar(await loadCalendarYears(store));
}
