import { APPEAL_DIMENSIONS, type AppealDimension } from '../appeals/appeal-counts.ts';
import { COMPLAINT_TARGET_KINDS } from '../complaints/complaint.ts';
import type { MonthlyComplaintsContent } from './monthly-complaints.ts';
import type { QuarterlyAppealsContent } from './quarterly-appeals.ts';
import type { ReportContent } from './report.ts';
import { mapRows, type RowList } from './report-spool.ts';
import { definedMembers } from '../defined-members.ts';

/**
 * A report as tables: one XLSX sheet (and one CSV section) per part the regulation names, each
 * column headed in Kazakh and Russian, with its width and number format. The renderers
 * (adapters/report-files.ts) know nothing of either report.
 */
export interface Column {
  kk: string;
  ru: string;
  width: number;
  /** Excel number format; text when absent. */
  numFmt?: string;
}

export type Cell = string | number | null;

export interface ReportTable {
  /** Sheet name (≤ 31 characters). */
  name: string;
  title: { kk: string; ru: string };
  columns: Column[];
  /** Made as they are read (a month's rows are read from their spool, never all at once). */
  rows: Iterable<Cell[]> | AsyncIterable<Cell[]>;
}

const mapped = <T>(items: RowList<T>, row: (item: T) => Cell[]): AsyncIterable<Cell[]> => mapRows(items, row);

const INT = '#,##0';
const PERCENT = '0.00%';
const DECIMAL = '0.0';

const KIND_NAMES: Record<string, { kk: string; ru: string }> = {
  central_body: { kk: 'Орталық мемлекеттік орган', ru: 'Центральный государственный орган' },
  local_executive_body: { kk: 'Жергілікті атқарушы орган', ru: 'Местный исполнительный орган' },
  public_service_center: { kk: 'ХҚО', ru: 'ЦОН' },
  service_provider: { kk: 'Көрсетілетін қызметті беруші', ru: 'Услугодатель' },
  quality_authority: { kk: 'Сапаны бағалау жөніндегі уәкілетті орган', ru: 'Уполномоченный орган по оценке качества' },
};

const col = (kk: string, ru: string, width: number, numFmt?: string): Column => ({ kk, ru, width, ...definedMembers({ numFmt }) });

const complaintListColumns = [
  col('Шағым', 'Жалоба', 18),
  col('Санат', 'Категория', 24),
  col('Орган (БСН)', 'Орган (БИН)', 15),
  col('Қызмет коды', 'Код услуги', 12),
  col('Қызмет атауы', 'Наименование услуги', 40),
  col('Тіркелген күні', 'Дата регистрации', 14),
  col('Алушының аты-жөні', 'ФИО услугополучателя', 32),
  col('Телефон', 'Телефон', 16),
  col('Электрондық пошта', 'Электронная почта', 28),
];

const listRows = (items: MonthlyComplaintsContent['staff']['items']): AsyncIterable<Cell[]> =>
  mapped(items, (row) => [
    row.portalNumber,
    row.category,
    row.bodyId,
    row.serviceCode,
    row.serviceName,
    row.registeredOn,
    row.complainant.fullName ?? null,
    row.complainant.phone ?? null,
    row.complainant.email ?? null,
  ]);

export function monthlyTables(content: MonthlyComplaintsContent): ReportTable[] {
  const summary = content.reviewPeriods.summary;
  return [
    {
      name: 'Summary',
      title: { kk: 'Жиынтық', ru: 'Сводка' },
      columns: [col('Көрсеткіш', 'Показатель', 60), col('Мәні', 'Значение', 14, '#,##0.####')],
      rows: [
        ['Портал форумы арқылы берілген шағымдар / Жалобы, поданные через форум портала', content.totalComplaints],
        ['Қаралған / Рассмотрено', summary.resolved],
        ['Қаралуда / На рассмотрении', summary.open],
        ['Қарау мерзімінің медианасы, жұмыс күні / Медиана срока рассмотрения, рабочих дней', summary.medianWorkingDays],
        ['Ең ұзақ қарау мерзімі, жұмыс күні / Максимальный срок рассмотрения, рабочих дней', summary.maxWorkingDays],
        ['Заңды мерзімде қаралған / Рассмотрено в установленный законом срок', summary.withinLegalPeriod],
        ['Заңды мерзімде қаралған үлесі / Доля рассмотренных в срок', summary.shareWithinLegalPeriod],
        ['Қарау мерзімдерін бұзу / Нарушения сроков рассмотрения', content.violations.total],
        ['Тәртіп және стандартты сақтамау туралы / О порядке и несоблюдении стандарта', content.procedureAndStandard.count],
        ['Қызметкерлердің әрекеті (әрекетсіздігі) туралы / О действиях (бездействии) работников', content.staff.count],
      ],
    },
    {
      name: 'Review periods',
      title: { kk: 'Шағымдарды қарау мерзімдері', ru: 'Сроки рассмотрения жалоб' },
      columns: [
        col('Шағым', 'Жалоба', 18),
        col('Орган (БСН)', 'Орган (БИН)', 15),
        col('Қараушы (БСН)', 'Рассматривающий (БИН)', 15),
        col('Санат', 'Категория', 24),
        col('Қызмет коды', 'Код услуги', 12),
        col('Тіркелген күні', 'Дата регистрации', 14),
        col('Заңды мерзім, жұмыс күні', 'Срок по закону, рабочих дней', 14, INT),
        col('Мерзімнің соңғы күні', 'Последний день срока', 14),
        col('Қаралған күні', 'Дата рассмотрения', 14),
        col('Жұмыс күні', 'Рабочих дней', 12, INT),
        col('Мәртебе', 'Статус', 12),
      ],
      rows: mapped(content.reviewPeriods.items, (row) => [
        row.portalNumber,
        row.bodyId,
        row.reviewerId,
        row.category,
        row.serviceCode,
        row.registeredOn,
        row.legalWorkingDays,
        row.dueDate,
        row.resolvedOn ?? null,
        row.workingDaysTaken,
        row.status,
      ]),
    },
    {
      name: 'Violations by kind',
      title: { kk: 'Мерзімдерді бұзу: орган түрі бойынша', ru: 'Нарушения сроков: по видам органов' },
      columns: [col('Орган түрі', 'Вид органа', 44), col('Бұзушылықтар', 'Нарушений', 14, INT)],
      rows: [...new Set([...COMPLAINT_TARGET_KINDS, ...Object.keys(content.violations.byKind)])].map((kind) => [
        `${KIND_NAMES[kind]?.kk ?? kind} / ${KIND_NAMES[kind]?.ru ?? kind}`,
        content.violations.byKind[kind as keyof typeof content.violations.byKind] ?? 0,
      ]),
    },
    {
      name: 'Violations by body',
      title: { kk: 'Мерзімдерді бұзу: орган бойынша', ru: 'Нарушения сроков: по органам' },
      columns: [col('Орган (БСН)', 'Орган (БИН)', 15), col('Орган түрі', 'Вид органа', 24), col('Бұзушылықтар', 'Нарушений', 14, INT)],
      rows: content.violations.byBody.map((row) => [row.bodyId, row.bodyKind, row.violations]),
    },
    {
      name: 'Violations',
      title: { kk: 'Қарау мерзімдерін бұзу', ru: 'Нарушения сроков рассмотрения' },
      columns: [col('Шағым', 'Жалоба', 18), col('Орган (БСН)', 'Орган (БИН)', 15), col('Орган түрі', 'Вид органа', 24), col('Қызмет коды', 'Код услуги', 12), col('Мерзім', 'Срок', 30), col('Негіз', 'Основание', 50)],
      rows: mapped(content.violations.items, (row) => [row.portalNumber, row.bodyId, row.bodyKind, row.serviceCode, row.dueAt, row.cite]),
    },
    {
      name: 'Procedure and standard',
      title: { kk: 'Тәртіп және стандартты сақтамау туралы шағымдар', ru: 'Жалобы о порядке и несоблюдении стандарта' },
      columns: complaintListColumns,
      rows: listRows(content.procedureAndStandard.items),
    },
    {
      name: 'Staff',
      title: { kk: 'Қызметкерлердің әрекеті (әрекетсіздігі) туралы шағымдар', ru: 'Жалобы на действия (бездействие) работников' },
      columns: complaintListColumns,
      rows: listRows(content.staff.items),
    },
  ];
}

const DIMENSION_NAMES: Record<AppealDimension, { kk: string; ru: string; sheet: string }> = {
  service: { kk: 'Қызмет', ru: 'Услуга', sheet: 'By service' },
  channel: { kk: 'Арна', ru: 'Канал', sheet: 'By channel' },
  topic: { kk: 'Тақырып', ru: 'Тема', sheet: 'By topic' },
  region: { kk: 'Өңір', ru: 'Регион', sheet: 'By region' },
  outcome: { kk: 'Нәтиже', ru: 'Результат', sheet: 'By outcome' },
  body: { kk: 'Орган', ru: 'Орган', sheet: 'By body' },
};

export function quarterlyTables(content: QuarterlyAppealsContent): ReportTable[] {
  const { current, previousQuarter, yearBefore } = content.quarters;
  const figures = [
    col(`${current}`, `${current}`, 12, INT),
    col(`${previousQuarter} (алдыңғы тоқсан)`, `${previousQuarter} (предыдущий квартал)`, 16, INT),
    col(`${yearBefore} (бір жыл бұрын)`, `${yearBefore} (год назад)`, 16, INT),
    col('Өзгеріс, %', 'Изменение, %', 12, DECIMAL),
  ];
  const change = (now: number, before: number): number | null => (before === 0 ? null : Math.round(((now - before) / before) * 1000) / 10);
  return [
    {
      name: 'Total',
      title: { kk: 'Өтініштердің жалпы саны', ru: 'Общее число обращений' },
      columns: [col('Көрсеткіш', 'Показатель', 40), ...figures],
      rows: [['Барлығы / Всего', content.total.current, content.total.previousQuarter, content.total.yearBefore, change(content.total.current, content.total.previousQuarter)]],
    },
    ...APPEAL_DIMENSIONS.map((dimension) => ({
      name: DIMENSION_NAMES[dimension].sheet,
      title: { kk: DIMENSION_NAMES[dimension].kk, ru: DIMENSION_NAMES[dimension].ru },
      columns: [col(DIMENSION_NAMES[dimension].kk, DIMENSION_NAMES[dimension].ru, 40), ...figures],
      rows: content.by[dimension].map((row): Cell[] => [row.key, row.current, row.previousQuarter, row.yearBefore, change(row.current, row.previousQuarter)]),
    })),
  ];
}

export const tablesOf = (content: ReportContent): ReportTable[] => (content.type === 'monthly-complaints' ? monthlyTables(content) : quarterlyTables(content));

export { PERCENT };
