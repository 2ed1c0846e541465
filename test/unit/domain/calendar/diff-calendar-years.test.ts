import { describe, expect, it } from 'vitest';
import type { CalendarEntry, CalendarYear } from '#domain/calendar/calendar-year.ts';
import { changedDates } from '#domain/calendar/diff-calendar-years.ts';
import { KZ_SEED } from '#domain/calendar/kz-seed.ts';

const seed = (year: number): CalendarYear => KZ_SEED.find((y) => y.year === year) as CalendarYear;

function withEntries(base: CalendarYear, entries: CalendarEntry[]): CalendarYear {
  return { ...base, entries };
}

const extra = (date: string, kind: CalendarEntry['kind']): CalendarEntry => ({
  date,
  kind,
  name: { kk: 'x', ru: 'x', en: 'x' },
  source: 'act',
});

describe('changedDates', () => {
  it('ignores a rename or a new source: status is unchanged', () => {
    // Arrange
    const before = seed(2026);
    const after = withEntries(
      before,
      before.entries.map((e) => ({ ...e, name: { ...e.name, en: `${e.name.en}!` }, source: 'another act' })),
    );

    // Act / Assert
    expect(changedDates(before, after)).toEqual([]);
  });

  it('reports 2026-08-31 when an admin makes it a day off', () => {
    const before = seed(2026);
    const after = withEntries(before, [...before.entries, extra('2026-08-31', 'moved')]);

    expect(changedDates(before, after)).toEqual(['2026-08-31']);
  });

  it('reports a removed day off and a new transfer pair, sorted', () => {
    // Arrange: drop the moved Victory Day (Mon 11 May), work Sat 16 May for a day off Fri 15 May
    const before = seed(2026);
    const after = withEntries(before, [
      extra('2026-05-16', 'transfer-work'),
      extra('2026-05-15', 'transfer-off'),
      ...before.entries.filter((e) => e.date !== '2026-05-11'),
    ]);

    // Act
    const changed = changedDates(before, after);

    // Assert
    expect(changed).toEqual(['2026-05-11', '2026-05-15', '2026-05-16']);
  });

  it('ignores kind changes between non-working kinds and holidays added on a weekend', () => {
    const before = seed(2026);
    const after = withEntries(before, [
      ...before.entries.map((e) => (e.date === '2026-05-11' ? { ...e, kind: 'transfer-off' as const } : e)),
      extra('2026-06-06', 'holiday'), // Saturday
    ]);

    expect(changedDates(before, after)).toEqual([]);
  });

  it('compares a new year against plain Monday–Friday', () => {
    // Weekday days off in 2026 from KZ.md; 8, 21, 22 Mar, 9 May and 25 Oct fall on weekends.
    expect(changedDates(undefined, seed(2026))).toEqual([
      '2026-01-01',
      '2026-01-02',
      '2026-01-07',
      '2026-03-09',
      '2026-03-23',
      '2026-03-24',
      '2026-03-25',
      '2026-05-01',
      '2026-05-07',
      '2026-05-11',
      '2026-05-27',
      '2026-07-06',
      '2026-10-26',
      '2026-12-16',
    ]);
    // 2025: the working Sunday 5 Jan is a change too; 8, 22, 23 Mar, 6 Jul, 30 Aug, 25 Oct are weekends.
    expect(changedDates(undefined, seed(2025))).toEqual([
      '2025-01-01',
      '2025-01-02',
      '2025-01-03',
      '2025-01-05',
      '2025-01-07',
      '2025-03-10',
      '2025-03-21',
      '2025-03-24',
      '2025-03-25',
      '2025-05-01',
      '2025-05-07',
      '2025-05-09',
      '2025-06-06',
      '2025-07-07',
      '2025-09-01',
      '2025-10-27',
      '2025-12-16',
    ]);
  });

  it('refuses to compare different years', () => {
    expect(() => changedDates(seed(2025), seed(2026))).toThrow(RangeError);
  });
});
