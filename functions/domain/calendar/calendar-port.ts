import type { DomainEvent } from '../ports.ts';
import type { CalendarYear } from './calendar-year.ts';

/** A calendar year as the API shows it: the seed (version 0) until an admin replaces it. */
export interface StoredCalendarYear extends CalendarYear {
  version: number;
  source: 'seed' | 'stored';
  updatedAt?: string;
  updatedBy?: string;
}

/** Port: where published calendar years live. */
export interface CalendarStore {
  /** Only the years an admin has published (not the seed). */
  listStoredYears(country: 'KZ'): Promise<StoredCalendarYear[]>;
  getStoredYear(country: 'KZ', year: number): Promise<StoredCalendarYear | undefined>;
  /** One conditional write; throws ConcurrentUpdateError when the year is not at expectedVersion. */
  replaceYear(calendar: CalendarYear, expectedVersion: number, event: DomainEvent): Promise<StoredCalendarYear>;
}
