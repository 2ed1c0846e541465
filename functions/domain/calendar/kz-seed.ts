/**
 * Seed calendar for Kazakhstan, 2024–2027, with the legal source of each entry (docs/regulation.md). Data an admin can correct.
 * 2026-08-31 is deliberately NOT a day off: the 2026 constitution moves Constitution Day to 15 March
 * from 2027 and the amended Law "On holidays" leaves 2026 without it (uncertain; admin may change).
 */
import type { CalendarEntry, CalendarYear, EntryKind, LocalizedName } from './calendar-year.ts';

const LAW_ON_HOLIDAYS =
  'Law of the Republic of Kazakhstan "On holidays in the Republic of Kazakhstan" No. 267-II of 13 December 2001, Art. 5';
const TRANSFER_2024 =
  'Decree of the Government of the Republic of Kazakhstan No. 109 (2024) on the transfer of days off in 2024 (adilet.zan.kz G24G0000109)';
const TRANSFER_2025 =
  'Decree of the Government of the Republic of Kazakhstan No. 436 (2024) on the transfer of days off in 2025 (adilet.zan.kz G24G0000436)';
const ESTIMATED_2027 = 'estimated: the transfer acts for 2027 are not yet known';

const NAMES = {
  newYear: { kk: 'Жаңа жыл', ru: 'Новый год', en: 'New Year' },
  orthodoxChristmas: { kk: 'Православиелік Рождество', ru: 'Православное Рождество', en: 'Orthodox Christmas' },
  womensDay: { kk: 'Халықаралық әйелдер күні', ru: 'Международный женский день', en: "International Women's Day" },
  nauryz: { kk: 'Наурыз мейрамы', ru: 'Наурыз мейрамы', en: 'Nauryz' },
  unityDay: {
    kk: 'Қазақстан халқының бірлігі мерекесі',
    ru: 'Праздник единства народа Казахстана',
    en: 'Unity Day',
  },
  defenderDay: { kk: 'Отан қорғаушы күні', ru: 'День защитника Отечества', en: 'Defender of the Fatherland Day' },
  victoryDay: { kk: 'Жеңіс күні', ru: 'День Победы', en: 'Victory Day' },
  kurbanAit: { kk: 'Құрбан айт', ru: 'Курбан айт', en: 'Kurban Ait' },
  capitalDay: { kk: 'Астана күні', ru: 'День столицы', en: 'Capital Day' },
  constitutionDay: { kk: 'Конституция күні', ru: 'День Конституции', en: 'Constitution Day' },
  republicDay: { kk: 'Республика күні', ru: 'День Республики', en: 'Republic Day' },
  independenceDay: { kk: 'Тәуелсіздік күні', ru: 'День Независимости', en: 'Independence Day' },
} satisfies Record<string, LocalizedName>;

type NameKey = keyof typeof NAMES;

function entry(date: string, kind: EntryKind, name: LocalizedName, source: string, note?: string): CalendarEntry {
  const copy = { date, kind, name: { ...name }, source };
  return note === undefined ? copy : { ...copy, note };
}

/** A public holiday (Law Art. 5). */
const holiday = (date: string, key: NameKey, note?: string): CalendarEntry =>
  entry(date, 'holiday', NAMES[key], LAW_ON_HOLIDAYS, note);

/** A weekend holiday's day off moved to the next working day (Law Art. 5). */
const moved = (date: string, key: NameKey, from: string, note?: string): CalendarEntry =>
  entry(date, 'moved', NAMES[key], LAW_ON_HOLIDAYS, [`day off moved from ${from}`, note].filter(Boolean).join('; '));

/** A religious day off; never moves even when it falls on a weekend. */
const religious = (date: string, key: NameKey, note?: string): CalendarEntry =>
  entry(date, 'religious', NAMES[key], LAW_ON_HOLIDAYS, ['religious day off; does not move', note].filter(Boolean).join('; '));

const year = (y: number, entries: CalendarEntry[]): CalendarYear => ({ country: 'KZ', year: y, entries });

export const KZ_SEED: CalendarYear[] = [
  year(2024, [
    holiday('2024-01-01', 'newYear'),
    holiday('2024-01-02', 'newYear'),
    religious('2024-01-07', 'orthodoxChristmas'),
    holiday('2024-03-08', 'womensDay'),
    holiday('2024-03-21', 'nauryz'),
    holiday('2024-03-22', 'nauryz'),
    holiday('2024-03-23', 'nauryz'),
    moved('2024-03-25', 'nauryz', 'Sat 2024-03-23'),
    holiday('2024-05-01', 'unityDay'),
    entry(
      '2024-05-04',
      'transfer-work',
      {
        kk: 'Жұмыс күні (демалыс 8 мамырға ауыстырылған)',
        ru: 'Рабочий день (выходной перенесён на 8 мая)',
        en: 'Working day (day off transferred to Wed 8 May)',
      },
      TRANSFER_2024,
    ),
    holiday('2024-05-07', 'defenderDay'),
    entry(
      '2024-05-08',
      'transfer-off',
      {
        kk: 'Демалыс күні (4 мамырдан ауыстырылған)',
        ru: 'Выходной день (перенесён с 4 мая)',
        en: 'Day off (transferred from Sat 4 May)',
      },
      TRANSFER_2024,
    ),
    holiday('2024-05-09', 'victoryDay'),
    religious('2024-06-16', 'kurbanAit'),
    holiday('2024-07-06', 'capitalDay'),
    moved('2024-07-08', 'capitalDay', 'Sat 2024-07-06'),
    holiday('2024-08-30', 'constitutionDay'),
    holiday('2024-10-25', 'republicDay'),
    holiday('2024-12-16', 'independenceDay'),
  ]),
  year(2025, [
    holiday('2025-01-01', 'newYear'),
    holiday('2025-01-02', 'newYear'),
    entry(
      '2025-01-03',
      'transfer-off',
      {
        kk: 'Демалыс күні (5 қаңтардан ауыстырылған)',
        ru: 'Выходной день (перенесён с 5 января)',
        en: 'Day off (transferred from Sun 5 Jan)',
      },
      TRANSFER_2025,
    ),
    entry(
      '2025-01-05',
      'transfer-work',
      {
        kk: 'Жұмыс күні (демалыс 3 қаңтарға ауыстырылған)',
        ru: 'Рабочий день (выходной перенесён на 3 января)',
        en: 'Working day (day off transferred to Fri 3 Jan)',
      },
      TRANSFER_2025,
    ),
    religious('2025-01-07', 'orthodoxChristmas'),
    holiday('2025-03-08', 'womensDay'),
    moved('2025-03-10', 'womensDay', 'Sat 2025-03-08'),
    holiday('2025-03-21', 'nauryz'),
    holiday('2025-03-22', 'nauryz'),
    holiday('2025-03-23', 'nauryz'),
    moved('2025-03-24', 'nauryz', 'Sat 2025-03-22'),
    moved('2025-03-25', 'nauryz', 'Sun 2025-03-23'),
    holiday('2025-05-01', 'unityDay'),
    holiday('2025-05-07', 'defenderDay'),
    holiday('2025-05-09', 'victoryDay'),
    religious('2025-06-06', 'kurbanAit'),
    holiday('2025-07-06', 'capitalDay'),
    moved('2025-07-07', 'capitalDay', 'Sun 2025-07-06'),
    holiday('2025-08-30', 'constitutionDay'),
    moved('2025-09-01', 'constitutionDay', 'Sat 2025-08-30'),
    holiday('2025-10-25', 'republicDay'),
    moved('2025-10-27', 'republicDay', 'Sat 2025-10-25'),
    holiday('2025-12-16', 'independenceDay'),
  ]),
  year(2026, [
    holiday('2026-01-01', 'newYear'),
    holiday('2026-01-02', 'newYear'),
    religious('2026-01-07', 'orthodoxChristmas'),
    holiday('2026-03-08', 'womensDay'),
    moved('2026-03-09', 'womensDay', 'Sun 2026-03-08'),
    holiday('2026-03-21', 'nauryz'),
    holiday('2026-03-22', 'nauryz'),
    holiday('2026-03-23', 'nauryz'),
    moved('2026-03-24', 'nauryz', 'Sat 2026-03-21'),
    moved('2026-03-25', 'nauryz', 'Sun 2026-03-22'),
    holiday('2026-05-01', 'unityDay'),
    holiday('2026-05-07', 'defenderDay'),
    holiday('2026-05-09', 'victoryDay'),
    moved('2026-05-11', 'victoryDay', 'Sat 2026-05-09'),
    religious('2026-05-27', 'kurbanAit'),
    holiday('2026-07-06', 'capitalDay'),
    // No Constitution Day in 2026 (see the header): 2026-08-31 stays a working day.
    holiday('2026-10-25', 'republicDay'),
    moved('2026-10-26', 'republicDay', 'Sun 2026-10-25'),
    holiday('2026-12-16', 'independenceDay'),
  ]),
  year(2027, [
    holiday('2027-01-01', 'newYear', ESTIMATED_2027),
    holiday('2027-01-02', 'newYear', ESTIMATED_2027),
    moved('2027-01-04', 'newYear', 'Sat 2027-01-02', ESTIMATED_2027),
    religious('2027-01-07', 'orthodoxChristmas', ESTIMATED_2027),
    holiday('2027-03-08', 'womensDay', ESTIMATED_2027),
    holiday(
      '2027-03-15',
      'constitutionDay',
      `new date under the Constitution adopted by the referendum of 15 March 2026; ${ESTIMATED_2027}`,
    ),
    holiday('2027-03-21', 'nauryz', ESTIMATED_2027),
    holiday('2027-03-22', 'nauryz', ESTIMATED_2027),
    holiday('2027-03-23', 'nauryz', ESTIMATED_2027),
    moved('2027-03-24', 'nauryz', 'Sun 2027-03-21', ESTIMATED_2027),
    holiday('2027-05-01', 'unityDay', ESTIMATED_2027),
    moved('2027-05-03', 'unityDay', 'Sat 2027-05-01', ESTIMATED_2027),
    holiday('2027-05-07', 'defenderDay', ESTIMATED_2027),
    holiday('2027-05-09', 'victoryDay', ESTIMATED_2027),
    moved('2027-05-10', 'victoryDay', 'Sun 2027-05-09', ESTIMATED_2027),
    religious('2027-05-16', 'kurbanAit', `lunar date estimated; ${ESTIMATED_2027}`),
    holiday('2027-07-06', 'capitalDay', ESTIMATED_2027),
    holiday('2027-10-25', 'republicDay', ESTIMATED_2027),
    holiday('2027-12-16', 'independenceDay', ESTIMATED_2027),
  ]),
];
