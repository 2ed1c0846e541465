import { describe, expect, it } from 'vitest';
import type { CalendarYear } from '#domain/calendar/calendar-year.ts';
import { KZ_SEED } from '#domain/calendar/kz-seed.ts';
import { CalendarYearMissingError, WorkingCalendar } from '#domain/calendar/working-calendar.ts';

const cal = new WorkingCalendar(KZ_SEED);

describe('WorkingCalendar', () => {
  it('treats an ordinary Monday–Friday as working and Saturday/Sunday as weekend', () => {
    expect(cal.dayStatus('2026-03-26')).toEqual({ working: true, reason: 'weekday' });
    expect(cal.dayStatus('2026-03-28')).toEqual({ working: false, reason: 'weekend' });
    expect(cal.dayStatus('2026-03-29')).toEqual({ working: false, reason: 'weekend' });
  });

  it('makes the transfer-work Saturday 2024-05-04 and Sunday 2025-01-05 working days', () => {
    expect(cal.isWorkingDay('2024-05-04')).toBe(true);
    expect(cal.dayStatus('2024-05-04').reason).toBe('transfer-work');
    expect(cal.isWorkingDay('2025-01-05')).toBe(true);
  });

  it('gives the reason and entry of a day off', () => {
    // Arrange / Act
    const moved = cal.dayStatus('2026-05-11');
    const holiday = cal.dayStatus('2026-05-09');

    // Assert
    expect(moved.working).toBe(false);
    expect(moved.reason).toBe('moved');
    expect(moved.entry?.name.en).toBe('Victory Day');
    expect(holiday).toMatchObject({ working: false, reason: 'holiday' });
    expect(cal.dayStatus('2024-05-08')).toMatchObject({ working: false, reason: 'transfer-off' });
    expect(cal.dayStatus('2025-06-06')).toMatchObject({ working: false, reason: 'religious' });
  });

  it('knows which years it holds', () => {
    expect(cal.hasYear(2026)).toBe(true);
    expect(cal.hasYear(2028)).toBe(false);
    expect(cal.years()).toEqual([2024, 2025, 2026, 2027]);
  });

  it.each([
    ['2023-12-31', 2023],
    ['2028-01-03', 2028],
  ])('throws CalendarYearMissingError for %s, never a guess', (date, year) => {
    // Act
    const act = () => cal.isWorkingDay(date);

    // Assert
    expect(act).toThrow(CalendarYearMissingError);
    try {
      act();
    } catch (error) {
      expect(error).toBeInstanceOf(CalendarYearMissingError);
      expect((error as CalendarYearMissingError).year).toBe(year);
      expect((error as CalendarYearMissingError).name).toBe('CalendarYearMissingError');
    }
  });

  it('rejects a malformed date with RangeError', () => {
    expect(() => cal.isWorkingDay('2026-02-30')).toThrow(RangeError);
  });

  it('rejects a year given twice or an invalid year', () => {
    // Arrange
    const y2026 = KZ_SEED.find((y) => y.year === 2026) as CalendarYear;
    const invalid: CalendarYear = {
      country: 'KZ',
      year: 2030,
      entries: [{ date: '2030-01-01', kind: 'transfer-work', name: { kk: 'x', ru: 'x', en: 'x' }, source: 'act' }],
    };

    // Act / Assert
    expect(() => new WorkingCalendar([y2026, y2026])).toThrow(/given twice/);
    expect(() => new WorkingCalendar([invalid])).toThrow(/entries\[0\]\.kind/);
  });

  it('works with an empty year: only weekends are off', () => {
    const bare = new WorkingCalendar([{ country: 'KZ', year: 2030, entries: [] }]);

    expect(bare.isWorkingDay('2030-01-01')).toBe(true);
    expect(bare.isWorkingDay('2030-01-05')).toBe(false);
  });
});
