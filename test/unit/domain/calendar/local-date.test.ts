import { describe, expect, it } from 'vitest';
import {
  addDays,
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
} from '#domain/calendar/local-date.ts';

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
});
