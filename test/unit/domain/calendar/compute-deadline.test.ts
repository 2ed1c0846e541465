import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  addCalendarDaysFrom,
  addWorkingDays,
  byDayOfFollowingMonth,
  countWorkingDays,
  startAfterWorkingDays,
  type DerivationStep,
} from '#domain/calendar/compute-deadline.ts';
import { KZ_SEED } from '#domain/calendar/kz-seed.ts';
import { CalendarYearMissingError, WorkingCalendar } from '#domain/calendar/working-calendar.ts';

// Every expected date below was worked out by hand from /shared/calendar/KZ.md.
const cal = new WorkingCalendar(KZ_SEED);
const MOVE = { moveToWorkingDay: true };
const NO_MOVE = { moveToWorkingDay: false };
const EVENT = 'event date (Asia/Almaty); the period starts the next day';

const countedDays = (derivation: DerivationStep[]): string[] =>
  derivation.filter((s) => s.counted).map((s) => s.date);

function expectMissingYear(act: () => unknown, year: number): void {
  expect(act).toThrow(CalendarYearMissingError);
  expect(act).toThrow(expect.objectContaining({ year }));
}

describe('addWorkingDays', () => {
  it('counts from the day after an event on a holiday (Nauryz 2026-03-23 + 2)', () => {
    // Arrange: 24, 25 Mar moved Nauryz; Thu 26 = day 1, Fri 27 = day 2
    const from = '2026-03-23T10:00:00+05:00';

    // Act
    const deadline = addWorkingDays(from, 2, cal);

    // Assert
    expect(deadline.dueDate).toBe('2026-03-27');
    expect(deadline.dueAt).toBe('2026-03-27T23:59:59.999+05:00');
    expect(deadline.derivation).toEqual([
      { date: '2026-03-23', counted: false, reason: EVENT },
      { date: '2026-03-24', counted: false, reason: 'moved: Nauryz' },
      { date: '2026-03-25', counted: false, reason: 'moved: Nauryz' },
      { date: '2026-03-26', counted: true, dayNumber: 1, reason: 'working day' },
      { date: '2026-03-27', counted: true, dayNumber: 2, reason: 'working day' },
    ]);
  });

  it('counts from the day after an event on the working Sunday 2025-01-05', () => {
    // Mon 6 = 1, Tue 7 Orthodox Christmas off, Wed 8 = 2, Thu 9 = 3
    const deadline = addWorkingDays('2025-01-05T11:00:00+05:00', 3, cal);

    expect(deadline.dueDate).toBe('2025-01-09');
    expect(countedDays(deadline.derivation)).toEqual(['2025-01-06', '2025-01-08', '2025-01-09']);
    expect(deadline.derivation[2]).toEqual({
      date: '2025-01-07',
      counted: false,
      reason: 'religious: Orthodox Christmas',
    });
  });

  it('counts the working Sunday 2025-01-05 as day 1 after the holiday of 2 Jan', () => {
    // Fri 3 transfer-off, Sat 4 weekend, Sun 5 transfer-work
    const deadline = addWorkingDays('2025-01-02T09:00:00+05:00', 1, cal);

    expect(deadline.dueDate).toBe('2025-01-05');
    expect(deadline.derivation.slice(1)).toEqual([
      { date: '2025-01-03', counted: false, reason: 'transfer-off: Day off (transferred from Sun 5 Jan)' },
      { date: '2025-01-04', counted: false, reason: 'weekend' },
      {
        date: '2025-01-05',
        counted: true,
        dayNumber: 1,
        reason: 'transfer-work: Working day (day off transferred to Fri 3 Jan)',
      },
    ]);
  });

  it('takes the event date in Almaty: 2026-03-20T19:30Z is already Saturday 21 Mar', () => {
    // 21–25 Mar are all off (Nauryz, weekend, moved), so Thu 26 = 1, Fri 27 = 2
    const deadline = addWorkingDays('2026-03-20T19:30:00Z', 2, cal);

    expect(deadline.derivation[0]).toEqual({ date: '2026-03-21', counted: false, reason: EVENT });
    expect(deadline.dueDate).toBe('2026-03-27');
  });

  it('takes the event date in Almaty, not UTC: 2026-03-18T19:30Z is Thursday 19 Mar', () => {
    // UTC date 18 Mar would give Thu 19; the Almaty date 19 Mar gives Fri 20
    expect(addWorkingDays('2026-03-18T19:30:00Z', 1, cal).dueDate).toBe('2026-03-20');
    expect(addWorkingDays('2026-03-18T18:59:59.999Z', 1, cal).dueDate).toBe('2026-03-19');
  });

  it('crosses New Year 2025/26: 2025-12-30 + 3', () => {
    // Wed 31 Dec = 1; 1, 2 Jan holiday; 3, 4 weekend; Mon 5 = 2; Tue 6 = 3
    const deadline = addWorkingDays('2025-12-30T16:00:00+05:00', 3, cal);

    expect(deadline.dueDate).toBe('2026-01-06');
    expect(countedDays(deadline.derivation)).toEqual(['2025-12-31', '2026-01-05', '2026-01-06']);
    expect(deadline.derivation.filter((s) => !s.counted).map((s) => s.reason)).toEqual([
      EVENT,
      'holiday: New Year',
      'holiday: New Year',
      'weekend',
      'weekend',
    ]);
  });

  it('crosses New Year 2026/27 with the moved 2 Jan: 2026-12-30 + 3', () => {
    // Thu 31 Dec = 1; Fri 1 Jan, Sat 2 Jan holiday; Sun 3; Mon 4 moved; Tue 5 = 2; Wed 6 = 3
    expect(addWorkingDays('2026-12-30T12:00:00+05:00', 3, cal).dueDate).toBe('2027-01-06');
  });

  it('skips a weekend holiday moved to Monday (Victory Day 2026-05-09 → 2026-05-11)', () => {
    const deadline = addWorkingDays('2026-05-08T15:00:00+05:00', 1, cal);

    expect(deadline.dueDate).toBe('2026-05-12');
    expect(deadline.derivation).toEqual([
      { date: '2026-05-08', counted: false, reason: EVENT },
      { date: '2026-05-09', counted: false, reason: 'holiday: Victory Day' },
      { date: '2026-05-10', counted: false, reason: 'weekend' },
      { date: '2026-05-11', counted: false, reason: 'moved: Victory Day' },
      { date: '2026-05-12', counted: true, dayNumber: 1, reason: 'working day' },
    ]);
  });

  it('counts the transfer-work Saturday 2024-05-04', () => {
    // Sat 4 = 1; Sun 5; Mon 6 = 2; Tue 7 holiday; Wed 8 transfer-off; Thu 9 holiday; Fri 10 = 3
    expect(addWorkingDays('2024-05-03T10:00:00+05:00', 1, cal).dueDate).toBe('2024-05-04');
    const deadline = addWorkingDays('2024-05-03T10:00:00+05:00', 3, cal);
    expect(deadline.dueDate).toBe('2024-05-10');
    expect(countedDays(deadline.derivation)).toEqual(['2024-05-04', '2024-05-06', '2024-05-10']);
  });

  it('ends at 23:59:59.999 +06:00 before Kazakhstan moved to UTC+5 (January 2024)', () => {
    expect(addWorkingDays('2024-01-03T10:00:00+06:00', 1, cal).dueAt).toBe('2024-01-04T23:59:59.999+06:00');
  });

  it('throws CalendarYearMissingError for 2023 and 2028', () => {
    expectMissingYear(() => addWorkingDays('2023-12-29T10:00:00+06:00', 1, cal), 2023);
    // Fri 31 Dec 2027 = 1 needs no 2028; day 2 does
    expect(addWorkingDays('2027-12-30T10:00:00+05:00', 1, cal).dueDate).toBe('2027-12-31');
    expectMissingYear(() => addWorkingDays('2027-12-30T10:00:00+05:00', 2, cal), 2028);
  });

  it.each([0, -1, 1.5, Number.NaN, 1001])('rejects n = %s with RangeError', (n) => {
    expect(() => addWorkingDays('2026-03-18T10:00:00+05:00', n, cal)).toThrow(RangeError);
  });

  it('rejects an instant without an offset', () => {
    expect(() => addWorkingDays('2026-03-18T10:00:00', 1, cal)).toThrow(RangeError);
  });
});

describe('startAfterWorkingDays', () => {
  it('§9: starts on the first working day after 5 working days (protocol 2026-03-18)', () => {
    // Thu 19 = 1, Fri 20 = 2, 21–25 off, Thu 26 = 3, Fri 27 = 4, Mon 30 = 5 → starts Tue 31
    const start = startAfterWorkingDays('2026-03-18T12:00:00+05:00', 5, cal);

    expect(start.dueDate).toBe('2026-03-31');
    expect(start.dueAt).toBe('2026-03-31T00:00:00.000+05:00');
    expect(countedDays(start.derivation)).toEqual([
      '2026-03-19',
      '2026-03-20',
      '2026-03-26',
      '2026-03-27',
      '2026-03-30',
    ]);
    expect(start.derivation.at(-1)).toEqual({
      date: '2026-03-31',
      counted: false,
      reason: 'starts: first working day after working day 5',
    });
  });

  it('§9: skips the days off after the 5th working day (protocol 2026-03-13)', () => {
    // Mon 16 … Fri 20 = 1…5; 21–25 Mar off → starts Thu 26
    const start = startAfterWorkingDays('2026-03-13T17:00:00+05:00', 5, cal);

    expect(start.dueDate).toBe('2026-03-26');
    expect(start.derivation.filter((s) => s.date > '2026-03-20').map((s) => s.reason)).toEqual([
      'holiday: Nauryz',
      'holiday: Nauryz',
      'holiday: Nauryz',
      'moved: Nauryz',
      'moved: Nauryz',
      'starts: first working day after working day 5',
    ]);
  });

  it('§9: a protocol signed on Friday 2026-05-08 starts consultation on Tue 2026-05-19', () => {
    // 9 May holiday, 10 Sun, 11 moved; Tue 12 … Fri 15 = 1…4; Mon 18 = 5 → Tue 19
    expect(startAfterWorkingDays('2026-05-08T18:00:00+05:00', 5, cal).dueDate).toBe('2026-05-19');
  });
});

describe('addCalendarDays', () => {
  it('§14: Q1 2026 ends 2026-03-31; + 10 calendar days = Friday 2026-04-10', () => {
    const deadline = addCalendarDays('2026-03-31', 10, cal, MOVE);

    expect(deadline.dueDate).toBe('2026-04-10');
    expect(deadline.dueAt).toBe('2026-04-10T23:59:59.999+05:00');
    expect(deadline.derivation).toHaveLength(11);
    expect(deadline.derivation[0]).toEqual({
      date: '2026-03-31',
      counted: false,
      reason: 'last day of the reporting period; counting starts the next day',
    });
    expect(deadline.derivation[1]).toEqual({ date: '2026-04-01', counted: true, dayNumber: 1, reason: 'calendar day' });
    expect(deadline.derivation.at(-1)).toEqual({
      date: '2026-04-10',
      counted: true,
      dayNumber: 10,
      reason: 'calendar day; last day of the period (working day)',
    });
  });

  it('§14: Q3 2026 → Saturday 2026-10-10 moves to Monday 2026-10-12', () => {
    const deadline = addCalendarDays('2026-09-30', 10, cal, MOVE);

    expect(deadline.dueDate).toBe('2026-10-12');
    expect(deadline.derivation.slice(-3)).toEqual([
      {
        date: '2026-10-10',
        counted: true,
        dayNumber: 10,
        reason: 'calendar day; last day of the period (weekend: not a working day)',
      },
      { date: '2026-10-11', counted: false, reason: 'weekend' },
      { date: '2026-10-12', counted: false, reason: 'period end moved to next working day' },
    ]);
  });

  it('§14: without the flag the period ends on the Saturday', () => {
    const deadline = addCalendarDays('2026-09-30', 10, cal, NO_MOVE);

    expect(deadline.dueDate).toBe('2026-10-10');
    expect(deadline.dueAt).toBe('2026-10-10T23:59:59.999+05:00');
    expect(deadline.derivation.at(-1)).toEqual({
      date: '2026-10-10',
      counted: true,
      dayNumber: 10,
      reason: 'calendar day; last day of the period',
    });
  });

  it('§14: Q4 2025 → Saturday 2026-01-10 moves to Monday 2026-01-12', () => {
    expect(addCalendarDays('2025-12-31', 10, cal, MOVE).dueDate).toBe('2026-01-12');
  });

  it('moves a period end that lands on a holiday (Thu 2026-05-07 → Fri 2026-05-08)', () => {
    const deadline = addCalendarDays('2026-04-27', 10, cal, MOVE);

    expect(deadline.dueDate).toBe('2026-05-08');
    expect(deadline.derivation.at(-2)?.reason).toBe(
      'calendar day; last day of the period (holiday: Defender of the Fatherland Day: not a working day)',
    );
  });

  it('needs the calendar only to move the period end', () => {
    // Q4 2027 + 10 = Mon 2028-01-10: fine without moving, needs 2028 to check it
    expect(addCalendarDays('2027-12-31', 10, cal, NO_MOVE).dueDate).toBe('2028-01-10');
    expectMissingYear(() => addCalendarDays('2027-12-31', 10, cal, MOVE), 2028);
  });

  it('rejects a bad period end or n', () => {
    expect(() => addCalendarDays('2026-02-30', 10, cal, MOVE)).toThrow(RangeError);
    expect(() => addCalendarDays('2026-03-31', 0, cal, MOVE)).toThrow(RangeError);
  });
});

describe('addCalendarDaysFrom', () => {
  it('counts from the day after the Almaty date of the event', () => {
    // 2026-03-20T19:30Z is Sat 21 Mar in Almaty; + 10 = Tue 31 Mar, a working day
    expect(addCalendarDaysFrom('2026-03-20T19:30:00Z', 10, cal, MOVE).dueDate).toBe('2026-03-31');
  });

  it('moves day 1 = Saturday 2026-03-21 (Nauryz) past the holidays to Thursday 2026-03-26', () => {
    const moved = addCalendarDaysFrom('2026-03-20T10:00:00+05:00', 1, cal, MOVE);
    const plain = addCalendarDaysFrom('2026-03-20T10:00:00+05:00', 1, cal, NO_MOVE);

    expect(moved.dueDate).toBe('2026-03-26');
    expect(moved.derivation.map((s) => s.date)).toEqual([
      '2026-03-20',
      '2026-03-21',
      '2026-03-22',
      '2026-03-23',
      '2026-03-24',
      '2026-03-25',
      '2026-03-26',
    ]);
    expect(plain.dueDate).toBe('2026-03-21');
  });
});

describe('byDayOfFollowingMonth', () => {
  it('§18: February 2026 report is due Thursday 2026-03-05', () => {
    const deadline = byDayOfFollowingMonth('2026-02', 5, cal, MOVE);

    expect(deadline).toEqual({
      dueDate: '2026-03-05',
      dueAt: '2026-03-05T23:59:59.999+05:00',
      derivation: [
        { date: '2026-03-05', counted: true, reason: 'day 5 of the month following 2026-02 (working day)' },
      ],
    });
  });

  it('§18: March 2026 → Sunday 2026-04-05 moves to Monday 2026-04-06', () => {
    const deadline = byDayOfFollowingMonth('2026-03', 5, cal, MOVE);

    expect(deadline.dueDate).toBe('2026-04-06');
    expect(deadline.derivation.map((s) => [s.date, s.reason])).toEqual([
      ['2026-04-05', 'day 5 of the month following 2026-03 (weekend: not a working day)'],
      ['2026-04-06', 'period end moved to next working day'],
    ]);
    expect(byDayOfFollowingMonth('2026-03', 5, cal, NO_MOVE).dueDate).toBe('2026-04-05');
  });

  it('§18: December crosses into the next year; the working Sunday 2025-01-05 stays', () => {
    expect(byDayOfFollowingMonth('2025-12', 5, cal, MOVE).dueDate).toBe('2026-01-05');
    expect(byDayOfFollowingMonth('2024-12', 5, cal, MOVE).dueDate).toBe('2025-01-05');
  });

  it('moves past a holiday (7 May 2026 → 8 May)', () => {
    expect(byDayOfFollowingMonth('2026-04', 7, cal, MOVE).dueDate).toBe('2026-05-08');
  });

  it('rejects a day the month does not have and a malformed month', () => {
    expect(() => byDayOfFollowingMonth('2026-01', 29, cal, MOVE)).toThrow(RangeError);
    expect(() => byDayOfFollowingMonth('2026-01', 0, cal, MOVE)).toThrow(RangeError);
    expect(() => byDayOfFollowingMonth('2026-13', 5, cal, MOVE)).toThrow(RangeError);
  });

  it('throws CalendarYearMissingError for December 2027', () => {
    expectMissingYear(() => byDayOfFollowingMonth('2027-12', 5, cal, MOVE), 2028);
  });
});

describe('countWorkingDays', () => {
  it('counts inclusively around the May 2024 transfer', () => {
    // 1 holiday, 2, 3, Sat 4 transfer-work, 5 Sun, 6, 7 holiday, 8 transfer-off, 9 holiday, 10
    expect(countWorkingDays('2024-05-01', '2024-05-10', cal)).toEqual({
      count: 5,
      days: ['2024-05-02', '2024-05-03', '2024-05-04', '2024-05-06', '2024-05-10'],
    });
  });

  it('counts the second half of March 2026', () => {
    // 16–20 (5), 21–25 off, 26–27 (2), 28–29 weekend, 30–31 (2)
    expect(countWorkingDays('2026-03-16', '2026-03-31', cal).count).toBe(9);
  });

  it('counts a single day', () => {
    expect(countWorkingDays('2026-03-26', '2026-03-26', cal).count).toBe(1);
    expect(countWorkingDays('2026-03-21', '2026-03-21', cal)).toEqual({ count: 0, days: [] });
  });

  it('rejects a reversed range and a missing year', () => {
    expect(() => countWorkingDays('2026-03-31', '2026-03-30', cal)).toThrow(RangeError);
    expectMissingYear(() => countWorkingDays('2027-12-30', '2028-01-02', cal), 2028);
  });
});
