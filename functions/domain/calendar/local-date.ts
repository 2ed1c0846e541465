/**
 * Pure helpers for calendar dates ('YYYY-MM-DD'), months ('YYYY-MM') and Asia/Almaty instants.
 * Date arithmetic is UTC arithmetic on the date string, so no host time zone leaks in.
 */

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
/** An ISO-8601 instant with an explicit offset (or Z); a bare local time is ambiguous. */
const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/i;
const DAY_MS = 86_400_000;

/** Kazakhstan moved to UTC+5 country-wide on 1 March 2024 (Almaty was UTC+6 before). */
const UTC5_FROM = '2024-03-01';

const almatyDateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Almaty',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export function isIsoDate(value: string): boolean {
  if (!DATE_RE.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value;
}

export function assertIsoDate(value: string, what = 'date'): void {
  if (!isIsoDate(value)) throw new RangeError(`${what} must be a calendar date YYYY-MM-DD, got "${value}"`);
}

export function isIsoMonth(value: string): boolean {
  return MONTH_RE.test(value);
}

function utcMs(date: string): number {
  assertIsoDate(date);
  return Date.parse(`${date}T00:00:00Z`);
}

function fromUtcMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromUtcMs(utcMs(date) + days * DAY_MS);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  return new Date(utcMs(date)).getUTCDay() || 7;
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

/** The calendar date of an instant in Asia/Almaty. Strings must carry an offset or Z. */
export function toAlmatyDate(instant: string | Date): string {
  if (typeof instant === 'string' && (!INSTANT_RE.test(instant) || !isIsoDate(instant.slice(0, 10)))) {
    throw new RangeError(`instant must be ISO-8601 with an offset, got "${instant}"`);
  }
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`invalid instant "${String(instant)}"`);
  const parts = almatyDateFormat.formatToParts(ms);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/**
 * End of a date in Asia/Almaty: 'YYYY-MM-DDT23:59:59.999+05:00'. Before the switch to UTC+5 the
 * offset is +06:00; on 2024-02-29 the last hour was repeated at +05:00, the true end of that day.
 */
export function endOfAlmatyDay(date: string): string {
  assertIsoDate(date);
  return `${date}T23:59:59.999${addDays(date, 1) >= UTC5_FROM ? '+05:00' : '+06:00'}`;
}

/** Start of a date in Asia/Almaty: 'YYYY-MM-DDT00:00:00.000+05:00' (+06:00 before 1 March 2024). */
export function startOfAlmatyDay(date: string): string {
  assertIsoDate(date);
  return `${date}T00:00:00.000${date >= UTC5_FROM ? '+05:00' : '+06:00'}`;
}

/** 1 March 2024 00:00 in Almaty (+06:00): from then on the country is UTC+5. */
const UTC5_FROM_INSTANT = Date.parse('2024-02-29T18:00:00.000Z');

/**
 * An instant in the notation of stored due times (Almaty wall time with its offset, e.g.
 * 2026-03-26T23:59:59.999+05:00), so the two compare correctly as strings in DynamoDB.
 */
export function toAlmatyInstant(instant: Date | string): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  const hours = ms >= UTC5_FROM_INSTANT ? 5 : 6;
  return new Date(ms + hours * 3_600_000).toISOString().replace('Z', `+0${hours}:00`);
}
