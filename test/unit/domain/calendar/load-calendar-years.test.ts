import { describe, expect, it } from 'vitest';
import type { StoredCalendarYear } from '#domain/calendar/calendar-port.ts';
import { KZ_SEED } from '#domain/calendar/kz-seed.ts';
import { loadWorkingCalendar, seedYear, workingCalendarOf } from '#domain/calendar/load-calendar-years.ts';

const seeded = (): StoredCalendarYear[] => KZ_SEED.map((y) => seedYear(y.year) as StoredCalendarYear);
/** A year an admin published with no entries: plain Monday–Friday. */
const published = (year: number, version: number): StoredCalendarYear => ({ country: 'KZ', year, entries: [], version, source: 'stored' });

describe('workingCalendarOf', () => {
  it('compiles a set of year versions once: the same calendar for the same versions, read again', () => {
    // Arrange / Act
    const first = workingCalendarOf(seeded());
    const again = workingCalendarOf(seeded());

    // Assert
    expect(again).toBe(first);
  });

  it('compiles again when a year is published (new source or version)', () => {
    // Arrange
    const before = workingCalendarOf(seeded());

    // Act
    const v1 = workingCalendarOf([...seeded().slice(0, 2), published(2026, 1), ...seeded().slice(3)]);
    const v2 = workingCalendarOf([...seeded().slice(0, 2), published(2026, 2), ...seeded().slice(3)]);

    // Assert
    expect(v1).not.toBe(before);
    expect(v2).not.toBe(v1);
    expect(before.isWorkingDay('2026-03-23')).toBe(false); // Nauryz in the seed
    expect(v2.isWorkingDay('2026-03-23')).toBe(true); // the published year has no entries
  });

  it('keeps a few sets only, and still answers for one it dropped', () => {
    // Arrange
    const kept = workingCalendarOf([published(2030, 1)]);

    // Act
    for (let version = 2; version < 12; version += 1) workingCalendarOf([published(2030, version)]);
    const rebuilt = workingCalendarOf([published(2030, 1)]);

    // Assert
    expect(rebuilt).not.toBe(kept);
    expect(rebuilt.years()).toEqual([2030]);
  });

  it('is what loadWorkingCalendar hands out: every published year over the seed', async () => {
    // Arrange
    const store = { listStoredYears: async () => [published(2026, 3)], getStoredYear: async () => undefined, replaceYear: async () => published(2026, 4) };

    // Act
    const loaded = await loadWorkingCalendar(store);

    // Assert
    expect(loaded).toBe(await loadWorkingCalendar(store));
    expect(loaded.years()).toEqual([2024, 2025, 2026, 2027]);
    expect(loaded.isWorkingDay('2026-03-23')).toBe(true);
  });
});
