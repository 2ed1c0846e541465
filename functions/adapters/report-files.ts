import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTENT_TYPES, REPORT_FORMATS, REPORT_TITLES, fileNameOf, type ReportContent, type ReportFileKind, type ReportFormat } from '#domain/reports/report.ts';
import type { RenderedReport, RenderedReportFile, ReportInputs, ReportMeta } from '#domain/reports/report-port.ts';
import { isRowList } from '#domain/reports/report-spool.ts';
import { tablesOf, type Cell, type ReportTable } from '#domain/reports/report-tables.ts';
import { TextFile } from './text-file.ts';

/**
 * A report's three files (issue 15 §3): XLSX (one sheet per part, kk and ru header rows frozen,
 * widths and number formats, a title sheet), CSV (UTF-8 with a BOM, so that Excel reads the
 * Cyrillic right; the parts one after another, each under its title) and JSON (the content as
 * the API gives it), and the snapshot of the inputs' ids (JSON). Each is written to a file of a
 * temporary directory as its rows are read from their spools (the XLSX by exceljs's streaming
 * writer, each row committed as written), hashed from the file, and read from it when stored:
 * no file is ever whole in memory (issue 15 §6).
 */

async function digestOf(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const ALMATY = new Intl.DateTimeFormat('ru-RU', { timeZone: 'Asia/Almaty', dateStyle: 'short', timeStyle: 'medium' });

/**
 * Waits until the zip has taken what the sheet wrote so far. exceljs hands a sheet's XML to the
 * zip (archiver, through a PassThrough of readable-stream) without waiting for it (its StreamBuf
 * ignores `write`'s answer), and archiver reads an entry only when the entries before it are
 * done: rows made faster than that pile up in memory. Here the writer waits for the entry's
 * stream to drain (readable-stream's PassThrough has no `writableNeedDrain`: its state says it).
 */
async function zipCaughtUp(sheet: ExcelJS.Worksheet): Promise<void> {
  const stream = (sheet as unknown as { stream?: { pipes?: (Writable & { _writableState?: { needDrain?: boolean } })[] } }).stream;
  const target = stream?.pipes?.[0];
  if (target !== undefined && (target.writableNeedDrain === true || target._writableState?.needDrain === true)) await once(target, 'drain');
}

async function writeXlsx(path: string, tables: readonly ReportTable[], meta: ReportMeta): Promise<void> {
  const sink = createWriteStream(path);
  const done = once(sink, 'finish');
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
    let written = 0;
    for await (const row of table.rows) {
      sheet.addRow(row).commit();
      if ((written += 1) % 500 === 0) await zipCaughtUp(sheet);
    }
    await sheet.commit();
  }
  await workbook.commit();
  await done;
}

const csvCell = (value: Cell): string => {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n;]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

async function writeCsv(path: string, tables: readonly ReportTable[], meta: ReportMeta): Promise<void> {
  const title = REPORT_TITLES[meta.type];
  const out = new TextFile(path);
  // Written in chunks of lines: the month's text is never one string.
  let lines: string[] = [];
  const line = async (text: string) => {
    lines.push(text);
    if (lines.length >= 1000) await flush();
  };
  const flush = async () => {
    await out.write(`${lines.join('\r\n')}\r\n`);
    lines = [];
  };
  await out.write(Buffer.from([0xef, 0xbb, 0xbf]));
  await line([`${title.kk} / ${title.ru} (${title.cite})`, meta.period, `v${meta.version}`, meta.generatedAt, meta.rulebook.id].map(csvCell).join(','));
  for (const table of tables) {
    await line('');
    await line(csvCell(`${table.title.kk} / ${table.title.ru}`));
    await line(table.columns.map((column) => csvCell(`${column.kk} / ${column.ru}`)).join(','));
    for await (const row of table.rows) await line(row.map(csvCell).join(','));
  }
  if (lines.length > 0) await flush();
  await out.close();
}

/**
 * JSON.stringify of a value whose long lists are RowLists: each list written 1,000 items at a
 * time as it is read from its spool, so that neither the lists nor the text are ever whole in
 * memory (V8 keeps a string of Cyrillic as UTF-16: twice the file). The same text as
 * JSON.stringify of the value with its lists as arrays.
 */
async function writeJson(path: string, value: unknown): Promise<void> {
  const out = new TextFile(path);
  const write = async (member: unknown): Promise<void> => {
    if (isRowList(member)) {
      await out.write('[');
      let batch: unknown[] = [];
      let first = true;
      const flush = async () => {
        await out.write((first ? '' : ',') + JSON.stringify(batch).slice(1, -1));
        first = false;
        batch = [];
      };
      for await (const item of member) {
        batch.push(item);
        if (batch.length >= 1000) await flush();
      }
      if (batch.length > 0) await flush();
      await out.write(']');
      return;
    }
    if (member !== null && typeof member === 'object' && !Array.isArray(member)) {
      const entries = Object.entries(member).filter(([, inner]) => inner !== undefined);
      await out.write('{');
      for (const [i, [key, inner]] of entries.entries()) {
        await out.write(`${i === 0 ? '' : ','}${JSON.stringify(key)}:`);
        await write(inner);
      }
      await out.write('}');
      return;
    }
    await out.write(JSON.stringify(member));
  };
  await write(value);
  await out.close();
}

async function madeFile(path: string, kind: ReportFileKind, meta: ReportMeta): Promise<RenderedReportFile> {
  return {
    kind,
    fileName: fileNameOf(meta.type, meta.period, meta.version, kind),
    contentType: CONTENT_TYPES[kind],
    sha256: await digestOf(path),
    size: (await stat(path)).size,
    body: () => createReadStream(path),
  };
}

/** The report's files and its inputs' snapshot, in a temporary directory of `root` until disposed. */
export async function renderReport(content: ReportContent, meta: ReportMeta, inputs: ReportInputs, root = tmpdir()): Promise<RenderedReport> {
  const dir = await mkdtemp(join(root, 'ucc-report-files-'));
  const dispose = () => rm(dir, { recursive: true, force: true });
  try {
    const writers: Record<ReportFormat, (path: string) => Promise<void>> = {
      // Tables per file: their rows are read from the spools once each.
      xlsx: (path) => writeXlsx(path, tablesOf(content), meta),
      csv: (path) => writeCsv(path, tablesOf(content), meta),
      json: (path) => writeJson(path, content),
    };
    const files: RenderedReport['files'] = [];
    for (const format of REPORT_FORMATS) {
      const path = join(dir, format);
      await writers[format](path);
      files.push({ ...(await madeFile(path, format, meta)), kind: format });
    }
    const inputsPath = join(dir, 'inputs');
    await writeJson(inputsPath, inputs);
    return { files, inputs: await madeFile(inputsPath, 'inputs', meta), dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
