import { describe, expect, it } from 'vitest';
import { validateCalendarYear } from '#domain/calendar/calendar-year.ts';
import { KZ_SEED } from '#domain/calendar/kz-seed.ts';
import { WorkingCalendar } from '#domain/calendar/working-calendar.ts';

/** Transcribed verbatim from /shared/calendar/KZ.md (date, weekday, kind, name). */
const KZ_MD = `
2024-01-01 Mon holiday New Year
2024-01-02 Tue holiday New Year
2024-01-07 Sun religious Orthodox Christmas (no move)
2024-03-08 Fri holiday International Women's Day
2024-03-21 Thu holiday Nauryz
2024-03-22 Fri holiday Nauryz
2024-03-23 Sat holiday Nauryz
2024-03-25 Mon moved Nauryz (from Sat 23 Mar)
2024-05-01 Wed holiday Unity Day
2024-05-04 Sat transfer-work (working day; its day off moved to 8 May; G24G0000109)
2024-05-07 Tue holiday Defender of the Fatherland Day
2024-05-08 Wed transfer-off (from Sat 4 May; G24G0000109)
2024-05-09 Thu holiday Victory Day
2024-06-16 Sun religious Kurban Ait (no move)
2024-07-06 Sat holiday Capital Day
2024-07-08 Mon moved Capital Day (from Sat 6 Jul)
2024-08-30 Fri holiday Constitution Day
2024-10-25 Fri holiday Republic Day
2024-12-16 Mon holiday Independence Day
2025-01-01 Wed holiday New Year
2025-01-02 Thu holiday New Year
2025-01-03 Fri transfer-off (from Sun 5 Jan; G24G0000436)
2025-01-05 Sun transfer-work (working day; G24G0000436)
2025-01-07 Tue religious Orthodox Christmas
2025-03-08 Sat holiday International Women's Day
2025-03-10 Mon moved International Women's Day
2025-03-21 Fri holiday Nauryz
2025-03-22 Sat holiday Nauryz
2025-03-23 Sun holiday Nauryz
2025-03-24 Mon moved Nauryz
2025-03-25 Tue moved Nauryz
2025-05-01 Thu holiday Unity Day
2025-05-07 Wed holiday Defender of the Fatherland Day
2025-05-09 Fri holiday Victory Day
2025-06-06 Fri religious Kurban Ait
2025-07-06 Sun holiday Capital Day
2025-07-07 Mon moved Capital Day
2025-08-30 Sat holiday Constitution Day
2025-09-01 Mon moved Constitution Day
2025-10-25 Sat holiday Republic Day
2025-10-27 Mon moved Republic Day
2025-12-16 Tue holiday Independence Day
2026-01-01 Thu holiday New Year
2026-01-02 Fri holiday New Year
2026-01-07 Wed religious Orthodox Christmas
2026-03-08 Sun holiday International Women's Day
2026-03-09 Mon moved International Women's Day
2026-03-21 Sat holiday Nauryz
2026-03-22 Sun holiday Nauryz
2026-03-23 Mon holiday Nauryz
2026-03-24 Tue moved Nauryz
2026-03-25 Wed moved Nauryz
2026-05-01 Fri holiday Unity Day
2026-05-07 Thu holiday Defender of the Fatherland Day
2026-05-09 Sat holiday Victory Day
2026-05-11 Mon moved Victory Day
2026-05-27 Wed religious Kurban Ait
2026-07-06 Mon holiday Capital Day
2026-10-25 Sun holiday Republic Day
2026-10-26 Mon moved Republic Day
2026-12-16 Wed holiday Independence Day
2027-01-01 Fri holiday New Year
2027-01-02 Sat holiday New Year
2027-01-04 Mon moved New Year
2027-01-07 Thu religious Orthodox Christmas
2027-03-08 Mon holiday International Women's Day
2027-03-15 Mon holiday Constitution Day (new date)
2027-03-21 Sun holiday Nauryz
2027-03-22 Mon holiday Nauryz
2027-03-23 Tue holiday Nauryz
2027-03-24 Wed moved Nauryz
2027-05-01 Sat holiday Unity Day
2027-05-03 Mon moved Unity Day
2027-05-07 Fri holiday Defender of the Fatherland Day
2027-05-09 Sun holiday Victory Day
2027-05-10 Mon moved Victory Day
2027-05-16 Sun religious Kurban Ait (estimated)
2027-07-06 Tue holiday Capital Day
2027-10-25 Mon holiday Republic Day
2027-12-16 Thu holiday Independence Day
`;

interface Row {
  date: string;
  weekday: string;
  kind: string;
  name: string;
}

const ROWS: Row[] = KZ_MD.trim()
  .split('\n')
  .map((line) => {
    const [date = '', weekday = '', kind = '', ...rest] = line.split(' ');
    return { date, weekday, kind, name: rest.join(' ').replace(/\s*\(.*\)$/, '') };
  });

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const seeded = KZ_SEED.flatMap((y) => y.entries);
const cal = new WorkingCalendar(KZ_SEED);

describe('KZ_SEED', () => {
  it('covers exactly the years 2024–2027', () => {
    // Arrange / Act
    const years = KZ_SEED.map((y) => y.year);

    // Assert
    expect(years).toEqual([2024, 2025, 2026, 2027]);
    expect(KZ_SEED.every((y) => y.country === 'KZ')).toBe(true);
  });

  it('holds every KZ.md entry with its kind, and nothing else', () => {
    // Arrange
    const expected = ROWS.map((r) => `${r.date} ${r.kind}`);

    // Act
    const actual = seeded.map((e) => `${e.date} ${e.kind}`);

    // Assert
    expect(ROWS).toHaveLength(80); // 19 + 23 + 19 + 19
    expect(actual).toEqual(expected);
  });

  it('passes its own validation, entries sorted by date and inside their year', () => {
    for (const y of KZ_SEED) {
      expect(validateCalendarYear(y.year, y.entries)).toEqual([]);
      const dates = y.entries.map((e) => e.date);
      expect(dates).toEqual([...dates].sort());
      expect(dates.every((d) => d.startsWith(`${y.year}-`))).toBe(true);
    }
  });

  it('cites a legal act and names every entry in kk, ru and en', () => {
    for (const e of seeded) {
      expect(e.source.trim()).not.toBe('');
      expect(e.name.kk.trim()).not.toBe('');
      expect(e.name.ru.trim()).not.toBe('');
      expect(e.name.en.trim()).not.toBe('');
    }
    expect(seeded.find((e) => e.date === '2024-05-04')?.source).toContain('G24G0000109');
    expect(seeded.find((e) => e.date === '2025-01-03')?.source).toContain('G24G0000436');
    expect(seeded.find((e) => e.date === '2026-03-22')?.source).toContain('No. 267-II');
    expect(seeded.find((e) => e.date === '2026-03-22')?.name).toEqual({
      kk: 'Наурыз мейрамы',
      ru: 'Наурыз мейрамы',
      en: 'Nauryz',
    });
  });

  it('marks every 2027 entry as estimated', () => {
    const y2027 = KZ_SEED.find((y) => y.year === 2027);

    expect(y2027?.entries.every((e) => e.note?.includes('estimated'))).toBe(true);
  });

  describe.each(ROWS)('$date $kind $name', (row) => {
    it('has the weekday KZ.md gives', () => {
      expect(WEEKDAYS[new Date(`${row.date}T00:00:00Z`).getUTCDay()]).toBe(row.weekday);
    });

    it('has the working status its kind implies', () => {
      // Arrange
      const expectedWorking = row.kind === 'transfer-work';

      // Act
      const status = cal.dayStatus(row.date);

      // Assert
      expect(status.working).toBe(expectedWorking);
      expect(status.reason).toBe(row.kind);
    });
  });

  it.each(ROWS.filter((r) => !r.kind.startsWith('transfer-')))('names $date in English as KZ.md: $name', (row) => {
    expect(seeded.find((e) => e.date === row.date)?.name.en).toBe(row.name);
  });

  it('seeds 2026-08-31 (Monday) as a working day: no Constitution Day in 2026', () => {
    const status = cal.dayStatus('2026-08-31');

    expect(status).toEqual({ working: true, reason: 'weekday' });
  });
});
