/**
 * Pure helpers for calendar dates ('YYYY-MM-DD'), months ('YYYY-MM') and Asia/Almaty instants.
 * Date arithmetic is integer arithmetic on day numbers (days since 1970-01-01, proleptic
 * Gregorian, as UTC counts them), so no host time zone leaks in.
 */

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
/** An ISO-8601 instant with an explicit offset (or Z); a bare local time is ambiguous. */
const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/i;
const DAY_MS = 86_400_000;

const almatyDateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Almaty',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const isLeapYear = (year: number): boolean => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);

const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function monthLength(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (MONTH_LENGTHS[month - 1] ?? 0);
}

/** Digit `at` of `value` (0–9), or NaN for anything else. */
function digitAt(value: string, at: number): number {
  const code = value.charCodeAt(at) - 48;
  return code >= 0 && code <= 9 ? code : Number.NaN;
}

/**
 * Day number of a YYYY-MM-DD naming a real day, else NaN: the answer of a Date.parse/toISOString
 * round trip, read digit by digit (it runs for every date a deadline or a day status touches).
 */
function dayNumberOrNaN(value: string): number {
  if (value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return Number.NaN;
  const year = digitAt(value, 0) * 1000 + digitAt(value, 1) * 100 + digitAt(value, 2) * 10 + digitAt(value, 3);
  const month = digitAt(value, 5) * 10 + digitAt(value, 6);
  const day = digitAt(value, 8) * 10 + digitAt(value, 9);
  // A NaN digit fails every comparison.
  return year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= monthLength(year, month) ? daysFromCivil(year, month, day) : Number.NaN;
}

export function isIsoDate(value: string): boolean {
  return !Number.isNaN(dayNumberOrNaN(value));
}

const notADate = (value: string, what: string): RangeError => new RangeError(`${what} must be a calendar date YYYY-MM-DD, got "${value}"`);

export function assertIsoDate(value: string, what = 'date'): void {
  if (!isIsoDate(value)) throw notADate(value, what);
}

/** Day number (days since 1970-01-01) of a date; RangeError for anything but YYYY-MM-DD. */
export function dayNumberOf(date: string, what = 'date'): number {
  const day = dayNumberOrNaN(date);
  if (Number.isNaN(day)) throw notADate(date, what);
  return day;
}

export function isIsoMonth(value: string): boolean {
  return MONTH_RE.test(value);
}

/** Day number of year-month-day, any year (H. Hinnant's days_from_civil; Date.UTC maps years 0–99 to 19xx). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/**
 * H. Hinnant's civil_from_days, packed into one integer (year · 512 + month · 32 + day) so the hot
 * paths allocate nothing; unpack with `>> 9`, `>> 5 & 15`, `& 31` (two's complement keeps BC years).
 */
function packedCivilOf(dayNumber: number): number {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return year * 512 + month * 32 + day;
}

const TWO_DIGITS = Array.from({ length: 32 }, (_, i) => String(i).padStart(2, '0'));

function writeDate(dayNumber: number): string {
  const packed = packedCivilOf(dayNumber);
  const year = packed >> 9;
  // Outside 0–9999 as the Date round trip always wrote it: the first ten characters of '+010000-01-01'.
  if (year < 0 || year > 9999) return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
  return `${String(year).padStart(4, '0')}-${TWO_DIGITS[(packed >> 5) & 15]}-${TWO_DIGITS[packed & 31]}`;
}

/** Dates of 2000–2099, each written once: derivations list the same days over and over (≤ 36,525 strings). */
const WRITTEN_FROM = daysFromCivil(2000, 1, 1);
const written = new Array<string | undefined>(daysFromCivil(2100, 1, 1) - WRITTEN_FROM);

/** Day number → 'YYYY-MM-DD'. */
export function dateOfDayNumber(dayNumber: number): string {
  const slot = dayNumber - WRITTEN_FROM;
  if (slot < 0 || slot >= written.length) return writeDate(dayNumber);
  return (written[slot] ??= writeDate(dayNumber));
}

/** The year a day number falls in. */
export const yearOfDayNumber = (dayNumber: number): number => packedCivilOf(dayNumber) >> 9;

/** Days in `year`: 365 or 366. */
export const yearLength = (year: number): number => (isLeapYear(year) ? 366 : 365);

/** The largest |day number| a Date can hold (±8.64e15 ms). */
const MAX_DAY_NUMBER = 100_000_000;

export function addDays(date: string, days: number): string {
  const day = dayNumberOf(date) + days;
  if (Number.isInteger(day) && Math.abs(day) <= MAX_DAY_NUMBER) return dateOfDayNumber(day);
  // A fraction, NaN or a day beyond Date's range: what the Date round trip always did (floor, or its RangeError).
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export const isoWeekdayOf = (dayNumber: number): number => ((((dayNumber + 3) % 7) + 7) % 7) + 1;

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  return isoWeekdayOf(dayNumberOf(date));
}

export function isWeekend(date: string): boolean {
  return isoWeekday(date) >= 6;
}

export function yearOf(date: string): number {
  assertIsoDate(date);
  return Number(date.slice(0, 4));
}

/** 'YYYY-MM' → the month after it. */
export function nextMonth(month: string): string {
  const m = MONTH_RE.exec(month);
  if (!m) throw new RangeError(`month must be YYYY-MM, got "${month}"`);
  const year = Number(m[1]);
  const mon = Number(m[2]);
  return mon === 12 ? `${String(year + 1).padStart(4, '0')}-01` : `${m[1]}-${String(mon + 1).padStart(2, '0')}`;
}

export function daysInMonth(month: string): number {
  if (!isIsoMonth(month)) throw new RangeError(`month must be YYYY-MM, got "${month}"`);
  return Number(addDays(`${nextMonth(month)}-01`, -1).slice(8, 10));
}

/** 1 March 2024 00:00 in Almaty (+06:00): from then on the country is UTC+5. */
const UTC5_FROM_INSTANT = Date.parse('2024-02-29T18:00:00.000Z');
const HOUR_MS = 3_600_000;

/**
 * Where Asia/Almaty has a fixed offset in Node's tzdata: +06:00 from the end of the last summer
 * time (clocks back at 03:00 on 31 October 2004, 20:00 UTC), +05:00 from 1 March 2024 (the whole
 * country, docs/design.md "Working days"). Before that (summer time, the 1991–92 changes, local mean
 * time until 1924) and after the calendar's last possible year (MAX_CALENDAR_YEAR 2999) Intl
 * answers, as it always did; test/unit/domain/calendar/local-date.test.ts checks the two agree.
 */
const FIXED_OFFSET_FROM = Date.parse('2004-10-30T20:00:00Z');
const FIXED_OFFSET_UNTIL = Date.parse('3000-01-01T00:00:00+05:00');

const hasFixedOffset = (ms: number): boolean => ms >= FIXED_OFFSET_FROM && ms < FIXED_OFFSET_UNTIL;
const fixedOffsetDay = (ms: number): number => Math.floor((ms + (ms >= UTC5_FROM_INSTANT ? 5 : 6) * HOUR_MS) / DAY_MS);

/** The instant in epoch ms; RangeError for a string without an offset or an invalid instant. */
function instantMs(instant: string | Date): number {
  if (typeof instant === 'string' && (!INSTANT_RE.test(instant) || !isIsoDate(instant.slice(0, 10)))) {
    throw new RangeError(`instant must be ISO-8601 with an offset, got "${instant}"`);
  }
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`invalid instant "${String(instant)}"`);
  return ms;
}

function intlAlmatyDate(ms: number): string {
  const parts = almatyDateFormat.formatToParts(ms);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The calendar date of an instant in Asia/Almaty. Strings must carry an offset or Z. */
export function toAlmatyDate(instant: string | Date): string {
  const ms = instantMs(instant);
  return hasFixedOffset(ms) ? dateOfDayNumber(fixedOffsetDay(ms)) : intlAlmatyDate(ms);
}

/**
 * The day number of toAlmatyDate(instant). Outside the fixed-offset years Intl's date is checked
 * as addDays checked it (Intl writes the year 500 as "500"): the same RangeError.
 */
export function almatyDayNumber(instant: string | Date): number {
  const ms = instantMs(instant);
  return hasFixedOffset(ms) ? fixedOffsetDay(ms) : dayNumberOf(intlAlmatyDate(ms));
}

const UTC5_FROM_DAY = daysFromCivil(2024, 3, 1);
const FIRST_FOUR_DIGIT_DAY = daysFromCivil(0, 1, 1);
const LAST_FOUR_DIGIT_DAY = daysFromCivil(9999, 12, 31);

/** Outside the years 0–9999 a date string ('+010000-01') never passed assertIsoDate: nor does the day. */
function assertFourDigitYear(dayNumber: number, date: string): void {
  if (dayNumber < FIRST_FOUR_DIGIT_DAY || dayNumber > LAST_FOUR_DIGIT_DAY) assertIsoDate(date);
}

/**
 * endOfAlmatyDay of day number `dayNumber`, whose date is `date`. The day after 9999-12-31 was
 * compared as the string '+010000-01', which sorts before '2024-03-01': still +06:00.
 */
export function endOfAlmatyDayAt(dayNumber: number, date: string): string {
  assertFourDigitYear(dayNumber, date);
  const next = dayNumber + 1;
  return `${date}T23:59:59.999${next >= UTC5_FROM_DAY && next <= LAST_FOUR_DIGIT_DAY ? '+05:00' : '+06:00'}`;
}

/** startOfAlmatyDay of day number `dayNumber`, whose date is `date`. */
export function startOfAlmatyDayAt(dayNumber: number, date: string): string {
  assertFourDigitYear(dayNumber, date);
  return `${date}T00:00:00.000${dayNumber >= UTC5_FROM_DAY ? '+05:00' : '+06:00'}`;
}

/**
 * End of a date in Asia/Almaty: 'YYYY-MM-DDT23:59:59.999+05:00'. Before the switch to UTC+5 the
 * offset is +06:00; on 2024-02-29 the last hour was repeated at +05:00, the true end of that day.
 */
export function endOfAlmatyDay(date: string): string {
  return endOfAlmatyDayAt(dayNumberOf(date), date);
}

/** Start of a date in Asia/Almaty: 'YYYY-MM-DDT00:00:00.000+05:00' (+06:00 before 1 March 2024). */
export function startOfAlmatyDay(date: string): string {
  return startOfAlmatyDayAt(dayNumberOf(date), date);
}

/**
 * An instant in the notation of stored due times (Almaty wall time with its offset, e.g.
 * 2026-03-26T23:59:59.999+05:00), so the two compare correctly as strings in DynamoDB.
 */
export function toAlmatyInstant(instant: Date | string): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  const hours = ms >= UTC5_FROM_INSTANT ? 5 : 6;
  return new Date(ms + hours * HOUR_MS).toISOString().replace('Z', `+0${hours}:00`);
}
