import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  almatyDayNumber,
  dateOfDayNumber,
  dayNumberOf,
  daysInMonth,
  endOfAlmatyDay,
  isIsoDate,
  isIsoMonth,
  isoWeekday,
  isWeekend,
  nextMonth,
  startOfAlmatyDay,
  toAlmatyDate,
  yearOf,
  yearOfDayNumber,
} from '#domain/calendar/local-date.ts';
import { toAlmatyDateByIntl } from '../../../support/calendar-oracle.ts';

const DAY_MS = 86_400_000;

// The Date round trips these helpers replaced: the reference they must agree with.
const viaDate = {
  isIsoDate: (value: string): boolean => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
    const ms = Date.parse(`${value}T00:00:00Z`);
    return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value;
  },
  addDays: (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10),
  dateOf: (dayNumber: number): string => new Date(dayNumber * DAY_MS).toISOString().slice(0, 10),
};

/** What `act` returns, or its error's class and message: two implementations must agree on both. */
function outcome(act: () => unknown): unknown {
  try {
    return { value: act() };
  } catch (error) {
    return { error: (error as Error).constructor.name, message: (error as Error).message };
  }
}

describe('local-date', () => {
  describe('isIsoDate', () => {
    it.each([
      ['2024-02-29', true],
      ['2026-12-31', true],
      ['2026-02-29', false],
      ['2026-04-31', false],
      ['2026-1-01', false],
      ['2026-01-01T00:00:00Z', false],
      ['', false],
    ])('%s → %s', (value, expected) => {
      expect(isIsoDate(value)).toBe(expected);
    });
  });

  it('adds days across month, leap-day and year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-03-31', 10)).toBe('2026-04-10');
  });

  it('gives ISO weekdays (1 = Monday … 7 = Sunday)', () => {
    expect(isoWeekday('2026-03-23')).toBe(1);
    expect(isoWeekday('2026-03-27')).toBe(5);
    expect(isoWeekday('2026-03-21')).toBe(6);
    expect(isoWeekday('2026-03-22')).toBe(7);
    expect(isWeekend('2025-01-05')).toBe(true);
    expect(isWeekend('2025-01-03')).toBe(false);
  });

  it('rejects malformed dates with RangeError', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => yearOf('26-01-01')).toThrow(RangeError);
  });

  it('handles months', () => {
    expect(isIsoMonth('2026-02')).toBe(true);
    expect(isIsoMonth('2026-13')).toBe(false);
    expect(nextMonth('2026-02')).toBe('2026-03');
    expect(nextMonth('2026-12')).toBe('2027-01');
    expect(daysInMonth('2024-02')).toBe(29);
    expect(daysInMonth('2026-02')).toBe(28);
    expect(daysInMonth('2026-04')).toBe(30);
    expect(daysInMonth('2026-12')).toBe(31);
    expect(() => nextMonth('2026-13')).toThrow(RangeError);
  });

  describe('toAlmatyDate', () => {
    it.each([
      ['2026-03-20T19:30:00Z', '2026-03-21'], // 00:30 on the 21st in Almaty (UTC+5)
      ['2026-03-20T18:59:59.999Z', '2026-03-20'],
      ['2026-03-21T00:30:00+05:00', '2026-03-21'],
      ['2026-03-20T23:59:59.999999+05:00', '2026-03-20'],
      ['2026-03-21T01:00:00+07:00', '2026-03-20'],
      ['2024-01-15T18:30:00Z', '2024-01-16'], // UTC+6 before 1 March 2024
      ['2024-02-29T18:30:00Z', '2024-02-29'], // the repeated hour after the switch to UTC+5
      ['2024-02-29T19:00:00Z', '2024-03-01'],
    ])('%s is %s in Almaty', (instant, expected) => {
      expect(toAlmatyDate(instant)).toBe(expected);
    });

    it('accepts a Date', () => {
      expect(toAlmatyDate(new Date('2026-03-20T19:30:00Z'))).toBe('2026-03-21');
    });

    it.each(['2026-03-20T10:00:00', '2026-03-20', 'yesterday', '2026-02-30T10:00:00Z', '2026-03-20T25:00:00Z'])(
      'rejects %s with RangeError',
      (instant) => {
        expect(() => toAlmatyDate(instant)).toThrow(RangeError);
      },
    );

    it('rejects an invalid Date', () => {
      expect(() => toAlmatyDate(new Date(Number.NaN))).toThrow(RangeError);
    });
  });

  describe('endOfAlmatyDay / startOfAlmatyDay', () => {
    it('uses +05:00 since 1 March 2024', () => {
      expect(endOfAlmatyDay('2026-03-27')).toBe('2026-03-27T23:59:59.999+05:00');
      expect(startOfAlmatyDay('2026-03-31')).toBe('2026-03-31T00:00:00.000+05:00');
    });

    it('uses +06:00 before the switch; 2024-02-29 ends at +05:00', () => {
      expect(endOfAlmatyDay('2024-02-28')).toBe('2024-02-28T23:59:59.999+06:00');
      expect(endOfAlmatyDay('2024-02-29')).toBe('2024-02-29T23:59:59.999+05:00');
      expect(startOfAlmatyDay('2024-02-29')).toBe('2024-02-29T00:00:00.000+06:00');
      expect(startOfAlmatyDay('2024-03-01')).toBe('2024-03-01T00:00:00.000+05:00');
    });

    it('stays inside the same Almaty date for every day 2024–2027, one millisecond from the next', () => {
      for (let day = '2024-01-01'; day <= '2027-12-31'; day = addDays(day, 1)) {
        const end = endOfAlmatyDay(day);
        expect(toAlmatyDate(end)).toBe(day);
        expect(toAlmatyDate(new Date(Date.parse(end) + 1))).toBe(addDays(day, 1));
        const start = startOfAlmatyDay(day);
        expect(toAlmatyDate(start)).toBe(day);
        expect(toAlmatyDate(new Date(Date.parse(start) - 1))).toBe(addDays(day, -1));
      }
    });
  });

  describe('day numbers (against Date round trips)', () => {
    it('isIsoDate answers as the round trip for every MM-DD 00–99 of leap, century and edge years', () => {
      // Arrange
      const mismatches: string[] = [];

      // Act
      for (const year of ['0000', '0001', '1900', '2000', '2023', '2024', '2100', '9999']) {
        for (let month = 0; month < 100; month += 1) {
          for (let day = 0; day < 100; day += 1) {
            const value = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
            if (isIsoDate(value) !== viaDate.isIsoDate(value)) mismatches.push(value);
          }
        }
      }

      for (const odd of ['2026-01-01\n', ' 2026-01-01', '2026-0a-01', '2026/01/01', '+02026-01-01', '2026-01-1 ', '٢٠٢٦-01-01', '2026-01-01Z']) {
        if (isIsoDate(odd) !== viaDate.isIsoDate(odd)) mismatches.push(odd);
      }

      // Assert
      expect(mismatches).toEqual([]);
    });

    it('numbers days as UTC does, over the whole range of Date', () => {
      fc.assert(
        fc.property(fc.integer({ min: -100_000_000, max: 100_000_000 }), (dayNumber) => {
          const date = viaDate.dateOf(dayNumber);

          expect(dateOfDayNumber(dayNumber)).toBe(date);
          expect(yearOfDayNumber(dayNumber)).toBe(new Date(dayNumber * DAY_MS).getUTCFullYear());
          if (isIsoDate(date)) expect(dayNumberOf(date)).toBe(dayNumber);
        }),
        { numRuns: 5000 },
      );
    });

    it('adds days as the round trip did, also past 9999, before 0000, for fractions and out of range', () => {
      // Arrange
      const fourDigitDate = fc.integer({ min: -719_528, max: 2_932_896 }).map(viaDate.dateOf);
      const edges: [string, number][] = [
        ['9999-12-31', 1],
        ['0000-01-01', -1],
        ['2026-03-20', 0.5],
        ['2026-03-20', -0.5],
        ['2026-03-20', Number.NaN],
        ['2026-03-20', 1e9],
      ];

      // Act / Assert
      for (const [date, days] of edges) expect(outcome(() => addDays(date, days))).toEqual(outcome(() => viaDate.addDays(date, days)));
      fc.assert(
        fc.property(fourDigitDate, fc.integer({ min: -3000, max: 3000 }), (date, days) => {
          expect(addDays(date, days)).toBe(viaDate.addDays(date, days));
        }),
        { numRuns: 5000 },
      );
    });
  });

  describe('toAlmatyDate (against Intl)', () => {
    const check = (ms: number): void => {
      const instant = new Date(ms);
      const expected = toAlmatyDateByIntl(instant);

      expect(toAlmatyDate(instant)).toBe(expected);
      const text = instant.toISOString();
      expect(outcome(() => toAlmatyDate(text))).toEqual(outcome(() => toAlmatyDateByIntl(text)));
      if (isIsoDate(expected)) expect(almatyDayNumber(instant)).toBe(dayNumberOf(expected));
    };

    it('gives Intl’s date for random instants 1990–2100 (summer time, 1991–92, +06:00, +05:00)', () => {
      fc.assert(
        fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 0, 1) }), check),
        { numRuns: 10_000 },
      );
    });

    it('gives Intl’s date within an hour of every Almaty midnight and around both offset changes', () => {
      const starts = [Date.UTC(2004, 9, 30, 20), Date.UTC(2024, 1, 29, 18), Date.UTC(2026, 2, 20, 19)];
      for (const start of starts) {
        for (let ms = start - 2 * 3_600_000; ms <= start + 2 * 3_600_000; ms += 60_000) [ms - 1, ms].forEach(check);
      }
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 40_000 }), fc.integer({ min: -3_600_000, max: 3_600_000 }), (day, delta) => {
          const midnight = Date.UTC(2000, 0, 1) + day * DAY_MS - 5 * 3_600_000;
          check(midnight + delta);
          check(midnight - 3_600_000 + delta);
        }),
        { numRuns: 5000 },
      );
    });

    it('gives Intl’s date far out: before 1924 (local mean time), in year 500, up to and past 2999', () => {
      fc.assert(
        fc.property(fc.integer({ min: Date.UTC(-100, 0, 1), max: Date.UTC(12_000, 0, 1) }), check),
        { numRuns: 3000 },
      );
    });

    it('asks for a calendar date of what Intl writes outside four-digit years, as addDays did', () => {
      const year500 = new Date(Date.UTC(500, 5, 1));

      expect(toAlmatyDate(year500)).toBe('500-06-01');
      expect(() => almatyDayNumber(year500)).toThrow('date must be a calendar date YYYY-MM-DD, got "500-06-01"');
    });
  });
});
