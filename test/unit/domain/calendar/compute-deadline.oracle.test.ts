import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CalendarEntry, CalendarYear, EntryKind } from '#domain/calendar/calendar-year.ts';
import * as compiled from '#domain/calendar/compute-deadline.ts';
import { KZ_SEED } from '#domain/calendar/kz-seed.ts';
import { WorkingCalendar } from '#domain/calendar/working-calendar.ts';
import * as oracle from '../../../support/calendar-oracle.ts';

/**
 * The compiled calendar against the day walk it replaced (test/support/calendar-oracle.ts): the
 * same Deadline (deep-equal, keys in the same order), or the same error (class,
 * message, missing year), for random calendars, instants and periods. Every `it` counts its cases
 * in CASES; the last one checks the total.
 */
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const CASES = {
  addWorkingDays: 12_000,
  startAfterWorkingDays: 10_000,
  addCalendarDaysFrom: 10_000,
  addCalendarDays: 8_000,
  byDayOfFollowingMonth: 5_000,
  countWorkingDays: 5_000,
  dayStatus: 5_000,
};

// Test-side date helpers, independent of the code under test.
const dateAt = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const isWeekendDate = (date: string): boolean => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

/** mulberry32: a calendar is rebuilt from its seed alone, so a failing case can be replayed. */
function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function entry(date: string, kind: EntryKind, label: string): CalendarEntry {
  return { date, kind, name: { kk: `${label} (kk)`, ru: `${label} (ru)`, en: label }, source: 'test act' };
}

/** `year` with up to 15 random edits: entries removed, holidays and religious days on any day, moved/transfer-off days on weekdays, transfer-work days on weekends. */
function editYear(year: number, entries: readonly CalendarEntry[], random: () => number): CalendarYear {
  const byDate = new Map(entries.map((e) => [e.date, e]));
  const days = (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / DAY_MS;
  for (let edit = Math.floor(random() * 16); edit > 0; edit -= 1) {
    const date = dateAt(Date.UTC(year, 0, 1) + Math.floor(random() * days) * DAY_MS);
    const pick = random();
    if (pick < 0.25) {
      const dates = [...byDate.keys()];
      byDate.delete(dates[Math.floor(random() * dates.length)] ?? '');
    } else if (pick < 0.55) {
      byDate.set(date, entry(date, pick < 0.45 ? 'holiday' : 'religious', `Holiday ${edit}`));
    } else if (isWeekendDate(date)) {
      byDate.set(date, entry(date, 'transfer-work', `Working Saturday ${edit}`));
    } else {
      byDate.set(date, entry(date, pick < 0.8 ? 'transfer-off' : 'moved', `Day off ${edit}`));
    }
  }
  return { country: 'KZ', year, entries: [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : 1)) };
}

/** Seed 0 is KZ_SEED itself; others add 2023 and/or 2028, edit every year, and sometimes drop one. */
function calendarYears(seed: number): CalendarYear[] {
  if (seed === 0) return KZ_SEED;
  const random = randomFrom(seed);
  const years = KZ_SEED.map((y) => editYear(y.year, y.entries, random));
  if (random() < 0.5) years.unshift(editYear(2023, [], random));
  if (random() < 0.5) years.push(editYear(2028, [], random));
  if (random() < 0.2) years.splice(Math.floor(random() * years.length), 1);
  return years;
}

const built = new Map<number, { compiled: WorkingCalendar; oracle: oracle.OracleCalendar }>();
const calendarsOf = (seed: number) => {
  let pair = built.get(seed);
  if (pair === undefined) {
    const years = calendarYears(seed);
    pair = { compiled: new WorkingCalendar(years), oracle: new oracle.OracleCalendar(years) };
    built.set(seed, pair);
  }
  return pair;
};
const calendarSeed = fc.integer({ min: 0, max: 47 });

/** The value, or the error's class, message and missing year. */
function outcome(act: () => unknown): unknown {
  try {
    return { value: act() };
  } catch (error) {
    const { constructor, message, year } = error as Error & { year?: number };
    return { error: constructor.name, message, year };
  }
}

/** Only the due moment of an oracle outcome: what `{ derivation: false }` must give. */
const dueOnly = (expected: unknown): unknown => {
  const value = (expected as { value?: compiled.Deadline }).value;
  return value === undefined ? expected : { value: { dueDate: value.dueDate, dueAt: value.dueAt } };
};

/**
 * The walk's outcome against the compiled one with its derivation, and its due moment against the
 * compiled one without (`{ derivation: false }`).
 */
function expectAsWalked(walked: () => compiled.Deadline, withDerivation: () => unknown, dueMoment: () => unknown): void {
  const expected = outcome(walked);
  expectSame(outcome(withDerivation), expected);
  expectSame(outcome(dueMoment), dueOnly(expected));
}

/** Deep equality that also holds keys to the same order (the JSON a client sees) and tells undefined from absent. */
function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const keys = Object.keys(a);
  const other = Object.keys(b);
  if (keys.length !== other.length) return false;
  return keys.every((key, i) => key === other[i] && same((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/** expect() only on a difference: on every case it would cost more than the walk. */
function expectSame(actual: unknown, expected: unknown): void {
  if (same(actual, expected)) return;
  expect(actual).toStrictEqual(expected);
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
  expect.unreachable('values differ in a way neither toStrictEqual nor the JSON shows');
}

// Instants: anywhere June 2023 – June 2028 (2023 and 2028 are in some calendars only), near an Almaty midnight, around the switch to UTC+5
// (2024-02-29T18:00Z, and the repeated hour after it), and Dec 20 – Jan 10 of every year.
const FIRST = Date.UTC(2023, 5, 1);
const LAST = Date.UTC(2028, 5, 1);
const almatyMidnight = (day: number): number => {
  const utcMidnight = FIRST + day * DAY_MS;
  return utcMidnight - (utcMidnight >= Date.UTC(2024, 2, 1) ? 5 : 6) * HOUR_MS;
};
const instantMs = fc.oneof(
  fc.integer({ min: FIRST, max: LAST }),
  fc
    .tuple(fc.integer({ min: 0, max: (LAST - FIRST) / DAY_MS }), fc.integer({ min: -120_000, max: 120_000 }))
    .map(([day, delta]) => almatyMidnight(day) + delta),
  fc.integer({ min: -3 * HOUR_MS, max: 3 * HOUR_MS }).map((delta) => Date.UTC(2024, 1, 29, 18) + delta),
  fc
    .tuple(fc.integer({ min: 2023, max: 2027 }), fc.integer({ min: 0, max: 22 * DAY_MS }))
    .map(([year, offset]) => Date.UTC(year, 11, 20) - 6 * HOUR_MS + offset),
);
/** Offsets an instant is written in, with their minutes. */
const OFFSETS: Record<string, number> = { '+05:00': 300, '+06:00': 360, '-03:30': -210, '+14:00': 840 };
const written = (ms: number, form: string, whole: boolean): string | Date => {
  if (form === 'Date') return new Date(ms);
  const text = form === 'Z' ? new Date(ms).toISOString() : new Date(ms + (OFFSETS[form] ?? 0) * 60_000).toISOString().replace('Z', form);
  return whole ? text.replace(/\.\d{3}/, '') : text;
};
const instant = fc.oneof(
  {
    weight: 60,
    arbitrary: fc
      .tuple(instantMs, fc.constantFrom('Date', 'Z', ...Object.keys(OFFSETS)), fc.boolean())
      .map(([ms, form, whole]) => written(ms, form, whole)),
  },
  { weight: 1, arbitrary: fc.constantFrom<string | Date>('2026-03-20T10:00:00', '2026-02-30T10:00:00Z', '2026-03-20T25:00:00Z', 'yesterday', new Date(Number.NaN)) },
);
const period = fc.oneof(
  { weight: 60, arbitrary: fc.integer({ min: 1, max: 20 }) },
  { weight: 30, arbitrary: fc.integer({ min: 21, max: 60 }) },
  { weight: 1, arbitrary: fc.integer({ min: 61, max: compiled.MAX_PERIOD_DAYS }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -1, 1.5, compiled.MAX_PERIOD_DAYS + 1, Number.NaN) },
);
const dateIn = (from: number, to: number) => fc.integer({ min: from, max: to }).map((day) => dateAt(day * DAY_MS));
const calendarDate = fc.oneof(
  { weight: 60, arbitrary: dateIn(FIRST / DAY_MS, LAST / DAY_MS) },
  // Past 9999 the walk wrote '+010000-01' and failed on it; 0000 and 1999 are in no calendar.
  { weight: 1, arbitrary: dateIn(Date.UTC(9999, 11, 1) / DAY_MS, Date.UTC(9999, 11, 31) / DAY_MS) },
  { weight: 1, arbitrary: fc.constantFrom('0000-01-01', '1999-12-31', '2026-02-30', '2026-3-01', '') },
);
const move = fc.boolean().map((moveToWorkingDay) => ({ moveToWorkingDay }));

describe('addWorkingDays (against the day walk)', () => {
  it(`gives the walk's deadline or error, with and without derivation (${CASES.addWorkingDays} cases)`, () => {
    fc.assert(
      fc.property(calendarSeed, instant, period, (seed, from, n) => {
        const cal = calendarsOf(seed);

        expectAsWalked(
          () => oracle.addWorkingDays(from, n, cal.oracle),
          () => compiled.addWorkingDays(from, n, cal.compiled),
          () => compiled.addWorkingDays(from, n, cal.compiled, { derivation: false }),
        );
      }),
      { numRuns: CASES.addWorkingDays },
    );
  });
});

describe('startAfterWorkingDays (against the day walk)', () => {
  it(`gives the walk's start date or error, with and without derivation (${CASES.startAfterWorkingDays} cases)`, () => {
    fc.assert(
      fc.property(calendarSeed, instant, period, (seed, from, n) => {
        const cal = calendarsOf(seed);

        expectAsWalked(
          () => oracle.startAfterWorkingDays(from, n, cal.oracle),
          () => compiled.startAfterWorkingDays(from, n, cal.compiled),
          () => compiled.startAfterWorkingDays(from, n, cal.compiled, { derivation: false }),
        );
      }),
      { numRuns: CASES.startAfterWorkingDays },
    );
  });
});

describe('addCalendarDaysFrom (against the day walk)', () => {
  it(`gives the walk's deadline or error, moved or not, with and without derivation (${CASES.addCalendarDaysFrom} cases)`, () => {
    fc.assert(
      fc.property(calendarSeed, instant, period, move, (seed, from, n, options) => {
        const cal = calendarsOf(seed);

        expectAsWalked(
          () => oracle.addCalendarDaysFrom(from, n, cal.oracle, options),
          () => compiled.addCalendarDaysFrom(from, n, cal.compiled, options),
          () => compiled.addCalendarDaysFrom(from, n, cal.compiled, { ...options, derivation: false }),
        );
      }),
      { numRuns: CASES.addCalendarDaysFrom },
    );
  });
});

describe('addCalendarDays (against the day walk)', () => {
  it(`gives the walk's deadline or error, moved or not, with and without derivation (${CASES.addCalendarDays} cases)`, () => {
    fc.assert(
      fc.property(calendarSeed, calendarDate, period, move, (seed, periodEnd, n, options) => {
        const cal = calendarsOf(seed);

        expectAsWalked(
          () => oracle.addCalendarDays(periodEnd, n, cal.oracle, options),
          () => compiled.addCalendarDays(periodEnd, n, cal.compiled, options),
          () => compiled.addCalendarDays(periodEnd, n, cal.compiled, { ...options, derivation: false }),
        );
      }),
      { numRuns: CASES.addCalendarDays },
    );
  });
});

describe('byDayOfFollowingMonth (against the day walk)', () => {
  const month = fc.oneof(
    { weight: 30, arbitrary: fc.integer({ min: 2022 * 12 + 10, max: 2029 * 12 }).map((m) => `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`) },
    { weight: 1, arbitrary: fc.constantFrom('9999-11', '9999-12', '2026-13', '2026-1', '0000-01') },
  );
  const day = fc.oneof({ weight: 30, arbitrary: fc.integer({ min: 1, max: 31 }) }, { weight: 1, arbitrary: fc.constantFrom(0, 32, 1.5) });

  it(`gives the walk's deadline or error, moved or not, with and without derivation (${CASES.byDayOfFollowingMonth} cases)`, () => {
    fc.assert(
      fc.property(calendarSeed, month, day, move, (seed, m, d, options) => {
        const cal = calendarsOf(seed);

        expectAsWalked(
          () => oracle.byDayOfFollowingMonth(m, d, cal.oracle, options),
          () => compiled.byDayOfFollowingMonth(m, d, cal.compiled, options),
          () => compiled.byDayOfFollowingMonth(m, d, cal.compiled, { ...options, derivation: false }),
        );
      }),
      { numRuns: CASES.byDayOfFollowingMonth },
    );
  });
});

describe('countWorkingDays (against the day walk)', () => {
  it(`gives the walk's days or error, across years and missing years (${CASES.countWorkingDays} cases)`, () => {
    fc.assert(
      fc.property(calendarSeed, calendarDate, fc.integer({ min: -3, max: 120 }), (seed, fromDate, span) => {
        const cal = calendarsOf(seed);
        const toDate = /^\d{4}-\d{2}-\d{2}$/.test(fromDate) && fromDate < '9000' ? dateAt(Date.parse(`${fromDate}T00:00:00Z`) + span * DAY_MS) : fromDate;

        expectSame(outcome(() => compiled.countWorkingDays(fromDate, toDate, cal.compiled)), outcome(() => oracle.countWorkingDays(fromDate, toDate, cal.oracle)));
      }),
      { numRuns: CASES.countWorkingDays },
    );
  });
});

describe('WorkingCalendar (against the Map of entries)', () => {
  it(`gives the same day status, working flag, years or error (${CASES.dayStatus} cases)`, () => {
    fc.assert(
      fc.property(calendarSeed, calendarDate, (seed, date) => {
        const cal = calendarsOf(seed);

        expectSame(outcome(() => cal.compiled.dayStatus(date)), outcome(() => cal.oracle.dayStatus(date)));
        expectSame(outcome(() => cal.compiled.isWorkingDay(date)), outcome(() => cal.oracle.isWorkingDay(date)));
        expect(cal.compiled.years()).toEqual(cal.oracle.years());
      }),
      { numRuns: CASES.dayStatus },
    );
  });

  it('was compared on at least 50,000 cases in all', () => {
    expect(Object.values(CASES).reduce((sum, cases) => sum + cases, 0)).toBeGreaterThanOrEqual(50_000);
  });
});
