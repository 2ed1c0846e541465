import { describe, expect, it } from 'vitest';
import {
  buildCalendarYear,
  calendarYearBodySchema,
  parseCalendarYearBody,
  validateCalendarYear,
  type CalendarEntry,
  type EntryKind,
} from '#domain/calendar/calendar-year.ts';

const NAME = { kk: 'Наурыз мейрамы', ru: 'Наурыз мейрамы', en: 'Nauryz' };
const ACT = 'Law "On holidays", Art. 5';

function entry(date: string, kind: EntryKind = 'holiday', extra: Partial<CalendarEntry> = {}): CalendarEntry {
  return { date, kind, name: { ...NAME }, source: ACT, ...extra };
}

describe('validateCalendarYear', () => {
  it('accepts a valid year', () => {
    // Arrange
    const entries = [
      entry('2026-03-21'),
      entry('2026-03-24', 'moved'),
      entry('2026-03-28', 'transfer-work'),
      entry('2026-03-27', 'transfer-off', { note: 'from Sat 28 Mar' }),
      entry('2026-01-04', 'religious'),
    ];

    // Act
    const problems = validateCalendarYear(2026, entries);

    // Assert
    expect(problems).toEqual([]);
  });

  it('reports a duplicate date at the second entry', () => {
    const problems = validateCalendarYear(2026, [entry('2026-03-21'), entry('2026-03-22'), entry('2026-03-21')]);

    expect(problems).toEqual([{ field: 'entries[2].date', message: 'duplicate date 2026-03-21 (also entries[0])' }]);
  });

  it('reports a date outside the year and a date that does not exist', () => {
    const problems = validateCalendarYear(2026, [entry('2027-01-01'), entry('2026-02-29')]);

    expect(problems).toEqual([
      { field: 'entries[0].date', message: '2027-01-01 is outside the year 2026' },
      { field: 'entries[1].date', message: 'not a valid date YYYY-MM-DD: "2026-02-29"' },
    ]);
  });

  it('reports transfer-work on a weekday', () => {
    const problems = validateCalendarYear(2026, [entry('2026-03-26', 'transfer-work')]);

    expect(problems).toEqual([
      {
        field: 'entries[0].kind',
        message: 'transfer-work must fall on a Saturday or Sunday; 2026-03-26 is a Thursday',
      },
    ]);
  });

  it('reports transfer-off and moved on a weekend', () => {
    const problems = validateCalendarYear(2026, [entry('2026-03-28', 'transfer-off'), entry('2026-03-22', 'moved')]);

    expect(problems).toEqual([
      { field: 'entries[0].kind', message: 'transfer-off must fall on Monday–Friday; 2026-03-28 is a Saturday' },
      { field: 'entries[1].kind', message: 'moved must fall on Monday–Friday; 2026-03-22 is a Sunday' },
    ]);
  });

  it('reports empty names, a missing source, a blank note and an unknown kind', () => {
    // Arrange
    const bad = {
      date: '2026-03-21',
      kind: 'festival' as EntryKind,
      name: { kk: ' ', ru: '', en: 'Nauryz' },
      source: '  ',
      note: '',
    };

    // Act
    const fields = validateCalendarYear(2026, [bad]).map((p) => p.field);

    // Assert
    expect(fields).toEqual([
      'entries[0].kind',
      'entries[0].name.kk',
      'entries[0].name.ru',
      'entries[0].source',
      'entries[0].note',
    ]);
  });

  it.each([1899, 3000, 2026.5, Number.NaN])('reports the year %s', (year) => {
    expect(validateCalendarYear(year, [])).toEqual([{ field: 'year', message: 'year must be an integer 1900–2999' }]);
  });
});

describe('buildCalendarYear', () => {
  it('sorts entries by date and leaves no undefined fields', () => {
    // Arrange
    const entries = [entry('2026-05-09'), entry('2026-01-01'), entry('2026-03-21', 'holiday', { note: 'n' })];

    // Act
    const built = buildCalendarYear(2026, entries);

    // Assert
    expect(built.country).toBe('KZ');
    expect(built.year).toBe(2026);
    expect(built.entries.map((e) => e.date)).toEqual(['2026-01-01', '2026-03-21', '2026-05-09']);
    expect(Object.keys(built.entries[0] ?? {})).toEqual(['date', 'kind', 'name', 'source']);
    expect(built.entries[1]?.note).toBe('n');
  });
});

describe('parseCalendarYearBody', () => {
  it('returns the calendar sorted by date for a valid body', () => {
    // Arrange
    const body = { entries: [entry('2026-03-22'), entry('2026-03-21')] };

    // Act
    const result = parseCalendarYearBody(2026, body);

    // Assert
    expect(result.ok).toBe(true);
    expect(result.ok && result.calendar.entries.map((e) => e.date)).toEqual(['2026-03-21', '2026-03-22']);
  });

  it('refuses names and sources that are not well-formed text (a lone surrogate, NUL), as every other form does', () => {
    // Arrange
    const body = {
      entries: [
        { ...entry('2026-03-21'), name: { ...NAME, ru: 'Наурыз \uD800' } },
        { ...entry('2026-03-22'), source: 'Law\u0000' },
        { ...entry('2026-03-23'), note: 'bell\u0007' },
      ],
    };

    // Act
    const result = parseCalendarYearBody(2026, body);

    // Assert
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((p) => p.field)).toEqual(['entries[0].name.ru', 'entries[1].source', 'entries[2].note']);
  });

  it('maps schema issues to field paths', () => {
    // Arrange
    const body = { entries: [entry('2026-03-21'), { ...entry('2026-03-22'), kind: 'festival' }] };

    // Act
    const result = parseCalendarYearBody(2026, body);

    // Assert
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((p) => p.field)).toEqual(['entries[1].kind']);
  });

  it('rejects unknown keys, a non-object body and a malformed date', () => {
    expect(parseCalendarYearBody(2026, { entries: [], extra: 1 }).ok).toBe(false);
    expect(parseCalendarYearBody(2026, null)).toMatchObject({ ok: false, problems: [{ field: 'body' }] });
    expect(parseCalendarYearBody(2026, { entries: [entry('2026-3-21')] })).toMatchObject({
      ok: false,
      problems: [{ field: 'entries[0].date' }],
    });
  });

  it('runs the semantic validation after the schema', () => {
    const result = parseCalendarYearBody(2026, { entries: [entry('2026-03-26', 'transfer-work')] });

    expect(result).toMatchObject({ ok: false, problems: [{ field: 'entries[0].kind' }] });
  });

  it('is backed by calendarYearBodySchema', () => {
    expect(calendarYearBodySchema.safeParse({ entries: [entry('2026-03-21')] }).success).toBe(true);
    expect(calendarYearBodySchema.safeParse({}).success).toBe(false);
  });
});
