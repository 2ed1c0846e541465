/**
 * A year of the working-day calendar: the days that differ from "Monday–Friday works", each
 * with the legal act that sets it. Data an admin edits (docs/design.md "Working days").
 */
import * as z from 'zod';
import { wellFormedText } from '../text.ts';
import { isIsoDate, isWeekend, isoWeekday, yearOf } from './local-date.ts';

export const ENTRY_KINDS = ['holiday', 'moved', 'religious', 'transfer-off', 'transfer-work'] as const;

/**
 * holiday — public holiday (Law "On holidays", Art. 5); moved — a weekend holiday's day off moved
 * to the next working day (Art. 5); religious — religious day off that never moves;
 * transfer-off / transfer-work — a day off / working day set by a transfer act.
 */
export type EntryKind = (typeof ENTRY_KINDS)[number];

export interface LocalizedName {
  kk: string;
  ru: string;
  en: string;
}

export interface CalendarEntry {
  /** 'YYYY-MM-DD' */
  date: string;
  kind: EntryKind;
  name: LocalizedName;
  /** The legal act that sets this day. */
  source: string;
  note?: string;
}

export interface CalendarYear {
  country: 'KZ';
  year: number;
  entries: CalendarEntry[];
}

export interface CalendarProblem {
  /** e.g. "entries[3].date" */
  field: string;
  message: string;
}

export const MIN_CALENDAR_YEAR = 1900;
export const MAX_CALENDAR_YEAR = 2999;

// The text rules of every other form (well-formed Unicode, no control characters): these names
// are copied into the derivation of every deadline they touch.
const nameSchema = z.strictObject({
  kk: wellFormedText(200),
  ru: wellFormedText(200),
  en: wellFormedText(200),
});

export const calendarEntrySchema = z.strictObject({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD'),
  kind: z.enum(ENTRY_KINDS),
  name: nameSchema,
  source: wellFormedText(500),
  note: wellFormedText(1000).exactOptional(),
});

/** Body of PUT for one calendar year: `{ entries: CalendarEntry[] }`. */
export const calendarYearBodySchema = z.strictObject({
  entries: z.array(calendarEntrySchema).max(366),
});

export type CalendarYearBody = z.infer<typeof calendarYearBodySchema>;

const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function weekdayName(date: string): string {
  return WEEKDAY_NAMES[isoWeekday(date) - 1] ?? '';
}

function blank(value: unknown): boolean {
  return typeof value !== 'string' || value.trim() === '';
}

/** Problems in a calendar year's entries; an empty list means valid. */
export function validateCalendarYear(year: number, entries: readonly CalendarEntry[]): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  if (!Number.isInteger(year) || year < MIN_CALENDAR_YEAR || year > MAX_CALENDAR_YEAR) {
    problems.push({ field: 'year', message: `year must be an integer ${MIN_CALENDAR_YEAR}–${MAX_CALENDAR_YEAR}` });
  }
  const firstIndex = new Map<string, number>();
  entries.forEach((entry, i) => {
    const at = `entries[${i}]`;
    const kindKnown = (ENTRY_KINDS as readonly string[]).includes(entry.kind);
    if (!kindKnown) {
      problems.push({ field: `${at}.kind`, message: `kind must be one of ${ENTRY_KINDS.join(', ')}` });
    }
    if (!isIsoDate(entry.date)) {
      problems.push({ field: `${at}.date`, message: `not a valid date YYYY-MM-DD: "${entry.date}"` });
    } else {
      if (yearOf(entry.date) !== year) {
        problems.push({ field: `${at}.date`, message: `${entry.date} is outside the year ${year}` });
      }
      const first = firstIndex.get(entry.date);
      if (first === undefined) firstIndex.set(entry.date, i);
      else problems.push({ field: `${at}.date`, message: `duplicate date ${entry.date} (also entries[${first}])` });
      // A transfer act makes a weekend day a working day, or moves a day off onto a weekday.
      if (entry.kind === 'transfer-work' && !isWeekend(entry.date)) {
        problems.push({
          field: `${at}.kind`,
          message: `transfer-work must fall on a Saturday or Sunday; ${entry.date} is a ${weekdayName(entry.date)}`,
        });
      }
      // Law "On holidays", Art. 5: a moved day off lands on a working day, as does a transferred one.
      if ((entry.kind === 'transfer-off' || entry.kind === 'moved') && isWeekend(entry.date)) {
        problems.push({
          field: `${at}.kind`,
          message: `${entry.kind} must fall on Monday–Friday; ${entry.date} is a ${weekdayName(entry.date)}`,
        });
      }
    }
    for (const lang of ['kk', 'ru', 'en'] as const) {
      if (blank(entry.name?.[lang])) problems.push({ field: `${at}.name.${lang}`, message: 'must not be empty' });
    }
    if (blank(entry.source)) problems.push({ field: `${at}.source`, message: 'the legal act must be cited' });
    if (entry.note !== undefined && blank(entry.note)) {
      problems.push({ field: `${at}.note`, message: 'must not be blank when given' });
    }
  });
  return problems;
}

function copyEntry(entry: CalendarEntry): CalendarEntry {
  const copy: CalendarEntry = {
    date: entry.date,
    kind: entry.kind,
    name: { kk: entry.name.kk, ru: entry.name.ru, en: entry.name.en },
    source: entry.source,
  };
  if (entry.note !== undefined) copy.note = entry.note;
  return copy;
}

/** A calendar year with its entries copied and sorted by date (no undefined fields). */
export function buildCalendarYear(year: number, entries: readonly CalendarEntry[]): CalendarYear {
  const sorted = entries.map(copyEntry).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { country: 'KZ', year, entries: sorted };
}

function fieldOf(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`))
    .join('');
}

/** The field name of the whole body in a parse problem. */
export const ROOT_FIELD = 'body';

export type CalendarYearParseResult =
  | { ok: true; calendar: CalendarYear }
  | { ok: false; problems: CalendarProblem[] };

/** Parse and validate a PUT body for `year`; on success the entries are sorted by date. */
export function parseCalendarYearBody(year: number, body: unknown): CalendarYearParseResult {
  const parsed = calendarYearBodySchema.safeParse(body);
  if (!parsed.success) {
    return {
      ok: false,
      // An unknown member names itself; the root itself (`[]` instead of an object) is `body`.
      problems: parsed.error.issues.flatMap((issue) =>
        issue.code === 'unrecognized_keys'
          ? issue.keys.map((key) => ({ field: fieldOf([...issue.path, key]), message: 'is not a member of this request' }))
          : [{ field: fieldOf(issue.path) || ROOT_FIELD, message: issue.message }],
      ),
    };
  }
  const problems = validateCalendarYear(year, parsed.data.entries);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, calendar: buildCalendarYear(year, parsed.data.entries) };
}
