import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { CONTENT_TYPES, REPORT_TITLES, fileNameOf, type ReportContent, type ReportFormat, type ReportType } from '#domain/reports/report.ts';
import { tablesOf, type Cell, type ReportTable } from '#domain/reports/report-tables.ts';

/**
 * A report's three files (issue 15 §3): XLSX (one sheet per part, kk and ru header rows frozen,
 * widths and number formats, a title sheet), CSV (UTF-8 with a BOM, so that Excel reads the
 * Cyrillic right; the parts one after another, each under its title) and JSON (the content as
 * the API gives it). The XLSX is written by exceljs's streaming writer: each row is committed
 * (and its XML compressed) as it is written.
 */
export interface ReportMeta {
  type: ReportType;
  period: string;
  version: number;
  generatedAt: string;
  rulebook: { id: string; act: string };
  dueDate: string;
}

export interface RenderedFile {
  format: ReportFormat;
  fileName: string;
  contentType: string;
  bytes: Buffer;
  sha256: string;
}

const sha256Of = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

const ALMATY = new Intl.DateTimeFormat('ru-RU', { timeZone: 'Asia/Almaty', dateStyle: 'short', timeStyle: 'medium' });

async function xlsxOf(tables: readonly ReportTable[], meta: ReportMeta): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  workbook.creator = 'UCC Interop';
  workbook.created = new Date(meta.generatedAt);
  const title = REPORT_TITLES[meta.type];
  const cover = workbook.addWorksheet('Title', { views: [{ state: 'frozen', ySplit: 1 }] });
  cover.columns = [{ width: 40 }, { width: 80 }];
  const coverRows: [string, string][] = [
    ['Есеп / Отчёт', `${title.kk} / ${title.ru} (${title.cite})`],
    ['Кезең / Период', meta.period],
    ['Нұсқа / Версия', String(meta.version)],
    ['Жасалған уақыты / Время формирования', `${ALMATY.format(new Date(meta.generatedAt))} (Asia/Almaty); ${meta.generatedAt}`],
    ['Тапсыру мерзімі / Срок представления', meta.dueDate],
    ['Қағидалар / Правила', `${meta.rulebook.id}: ${meta.rulebook.act}`],
  ];
  cover.addRow(['Атауы / Наименование', 'Мәні / Значение']).font = { bold: true };
  for (const row of coverRows) cover.addRow(row).commit();
  await cover.commit();
  for (const table of tables) {
    // Two header rows (kk, ru), both frozen.
    const sheet = workbook.addWorksheet(table.name, { views: [{ state: 'frozen', ySplit: 2 }] });
    sheet.columns = table.columns.map((column) => ({ width: column.width, ...(column.numFmt === undefined ? {} : { style: { numFmt: column.numFmt } }) }));
    const kk = sheet.addRow(table.columns.map((column) => column.kk));
    kk.font = { bold: true };
    kk.commit();
    const ru = sheet.addRow(table.columns.map((column) => column.ru));
    ru.font = { bold: true };
    ru.commit();
    for (const row of table.rows) sheet.addRow(row).commit();
    await sheet.commit();
  }
  await workbook.commit();
  await done;
  return Buffer.concat(chunks);
}

const csvCell = (value: Cell): string => {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n;]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

function csvOf(tables: readonly ReportTable[], meta: ReportMeta): Buffer {
  const title = REPORT_TITLES[meta.type];
  // Encoded in chunks of lines: the month's text is never one string.
  const chunks: Buffer[] = [Buffer.from([0xef, 0xbb, 0xbf])];
  let lines: string[] = [];
  const line = (text: string) => {
    lines.push(text);
    if (lines.length >= 1000) flush();
  };
  const flush = () => {
    chunks.push(Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8'));
    lines = [];
  };
  line([`${title.kk} / ${title.ru} (${title.cite})`, meta.period, `v${meta.version}`, meta.generatedAt, meta.rulebook.id].map(csvCell).join(','));
  for (const table of tables) {
    line('');
    line(csvCell(`${table.title.kk} / ${table.title.ru}`));
    line(table.columns.map((column) => csvCell(`${column.kk} / ${column.ru}`)).join(','));
    for (const row of table.rows) line(row.map(csvCell).join(','));
  }
  if (lines.length > 0) flush();
  return Buffer.concat(chunks);
}

/**
 * JSON.stringify of the whole content, in chunks: each long list is written 1,000 items at a
 * time, so that a month's JSON is never one string (V8 keeps a string of Cyrillic as UTF-16:
 * twice the file).
 */
function jsonOf(content: ReportContent): Buffer {
  const chunks: Buffer[] = [];
  const write = (value: unknown): void => {
    if (Array.isArray(value) && value.length > 1000) {
      chunks.push(Buffer.from('['));
      for (let i = 0; i < value.length; i += 1000) {
        const part = JSON.stringify(value.slice(i, i + 1000));
        chunks.push(Buffer.from((i === 0 ? '' : ',') + part.slice(1, -1), 'utf8'));
      }
      chunks.push(Buffer.from(']'));
      return;
    }
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const entries = Object.entries(value).filter(([, member]) => member !== undefined);
      chunks.push(Buffer.from('{'));
      entries.forEach(([key, member], i) => {
        chunks.push(Buffer.from(`${i === 0 ? '' : ','}${JSON.stringify(key)}:`, 'utf8'));
        write(member);
      });
      chunks.push(Buffer.from('}'));
      return;
    }
    chunks.push(Buffer.from(JSON.stringify(value), 'utf8'));
  };
  write(content);
  return Buffer.concat(chunks);
}

export async function renderReport(content: ReportContent, meta: ReportMeta): Promise<RenderedFile[]> {
  // Tables per file: their rows are generators, read once each.
  const files: [ReportFormat, Buffer][] = [
    ['xlsx', await xlsxOf(tablesOf(content), meta)],
    ['csv', csvOf(tablesOf(content), meta)],
    ['json', jsonOf(content)],
  ];
  return files.map(([format, bytes]) => ({
    format,
    fileName: fileNameOf(meta.type, meta.period, meta.version, format),
    contentType: CONTENT_TYPES[format],
    bytes,
    sha256: sha256Of(bytes),
  }));
}
