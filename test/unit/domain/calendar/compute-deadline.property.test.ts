import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addCalendarDaysFrom,
  addWorkingDays,
  countWorkingDays,
  startAfterWorkingDays,
} from '#domain/calendar/compute-deadline.ts';
import { KZ_SEED } from '#domain/calendar/kz-seed.ts';
import { toAlmatyDate } from '#domain/calendar/local-date.ts';
import { WorkingCalendar } from '#domain/calendar/working-calendar.ts';

const cal = new WorkingCalendar(KZ_SEED);
const DAY_MS = 86_400_000;
const FIRST = Date.UTC(2024, 0, 1);
const LAST = Date.UTC(2027, 10, 30);

// Test-side date helpers, independent of the code under test.
const dateAt = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const plusDays = (date: string, n: number): string => dateAt(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS);

/** An Almaty calendar date in 2024-01-01..2027-11-30. */
const almatyDate = fc.integer({ min: 0, max: (LAST - FIRST) / DAY_MS }).map((i) => dateAt(FIRST + i * DAY_MS));
const timeOfDay = fc.integer({ min: 0, max: DAY_MS - 1 });

/** An instant at `ms` after local midnight of `date` in Almaty (UTC+6 until 1 March 2024, then UTC+5). */
function instantAt(date: string, ms: number, asUtc: boolean): string {
  const offset = date >= '2024-03-01' ? '+05:00' : '+06:00';
  const time = new Date(ms).toISOString().slice(11, 23);
  const local = `${date}T${time}${offset}`;
  return asUtc ? new Date(local).toISOString() : local;
}

/** A random instant together with its Almaty date. */
const event = fc
  .record({ date: almatyDate, ms: timeOfDay, asUtc: fc.boolean() })
  .map(({ date, ms, asUtc }) => ({ date, instant: instantAt(date, ms, asUtc) }));

const n = fc.integer({ min: 1, max: 20 });

describe('addWorkingDays (properties)', () => {
  it('takes the event date in Asia/Almaty', () => {
    fc.assert(
      fc.property(event, ({ date, instant }) => {
        expect(toAlmatyDate(instant)).toBe(date);
      }),
    );
  });

  it('due day is a working day, after the event date, the N-th counted day', () => {
    fc.assert(
      fc.property(event, n, ({ date, instant }, days) => {
        const deadline = addWorkingDays(instant, days, cal);

        expect(cal.isWorkingDay(deadline.dueDate)).toBe(true);
        expect(deadline.dueDate > date).toBe(true);
        expect(deadline.derivation.at(-1)).toMatchObject({ date: deadline.dueDate, counted: true, dayNumber: days });
        expect(toAlmatyDate(deadline.dueAt)).toBe(deadline.dueDate);
      }),
    );
  });

  it('is strictly monotone in N', () => {
    fc.assert(
      fc.property(event, fc.integer({ min: 1, max: 19 }), ({ instant }, days) => {
        expect(addWorkingDays(instant, days + 1, cal).dueDate > addWorkingDays(instant, days, cal).dueDate).toBe(true);
      }),
    );
  });

  it('N then M from the end of the N deadline equals N + M', () => {
    const split = fc
      .integer({ min: 2, max: 20 })
      .chain((total) => fc.tuple(fc.constant(total), fc.integer({ min: 1, max: total - 1 })));
    fc.assert(
      fc.property(event, split, ({ instant }, [total, first]) => {
        const afterFirst = addWorkingDays(instant, first, cal);

        expect(addWorkingDays(afterFirst.dueAt, total - first, cal).dueDate).toBe(
          addWorkingDays(instant, total, cal).dueDate,
        );
      }),
    );
  });

  it('does not depend on the time of day within one Almaty date', () => {
    fc.assert(
      fc.property(almatyDate, timeOfDay, timeOfDay, fc.boolean(), n, (date, t1, t2, asUtc, days) => {
        expect(addWorkingDays(instantAt(date, t1, asUtc), days, cal)).toEqual(
          addWorkingDays(instantAt(date, t2, !asUtc), days, cal),
        );
      }),
    );
  });

  it('has exactly N working days from the day after the event date to the due date', () => {
    fc.assert(
      fc.property(event, n, ({ date, instant }, days) => {
        const deadline = addWorkingDays(instant, days, cal);
        const counted = countWorkingDays(plusDays(date, 1), deadline.dueDate, cal);

        expect(counted.count).toBe(days);
        expect(deadline.derivation.filter((s) => s.counted).map((s) => s.date)).toEqual(counted.days);
      }),
    );
  });

  it('lists every day from the event date to the due date once, in order', () => {
    fc.assert(
      fc.property(event, n, ({ date, instant }, days) => {
        const deadline = addWorkingDays(instant, days, cal);

        deadline.derivation.forEach((step, i) => expect(step.date).toBe(plusDays(date, i)));
        expect(deadline.derivation.at(-1)?.date).toBe(deadline.dueDate);
      }),
    );
  });
});

describe('startAfterWorkingDays (properties)', () => {
  it('starts on the first working day after the N-th working day', () => {
    fc.assert(
      fc.property(event, n, ({ instant }, days) => {
        const nth = addWorkingDays(instant, days, cal).dueDate;
        const start = startAfterWorkingDays(instant, days, cal).dueDate;

        expect(start > nth).toBe(true);
        expect(countWorkingDays(plusDays(nth, 1), start, cal).count).toBe(1);
        expect(cal.isWorkingDay(start)).toBe(true);
      }),
    );
  });
});

describe('addCalendarDaysFrom (properties)', () => {
  it('ends on day N, or on the first working day after it when moving', () => {
    fc.assert(
      fc.property(event, n, ({ date, instant }, days) => {
        const dayN = plusDays(date, days);
        const moved = addCalendarDaysFrom(instant, days, cal, { moveToWorkingDay: true }).dueDate;

        expect(addCalendarDaysFrom(instant, days, cal, { moveToWorkingDay: false }).dueDate).toBe(dayN);
        expect(cal.isWorkingDay(moved)).toBe(true);
        expect(moved >= dayN).toBe(true);
        expect(countWorkingDays(dayN, moved, cal).count).toBe(1);
      }),
    );
  });
});
