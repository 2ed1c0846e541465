import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileScratch } from '#adapters/file-scratch.ts';
import { renderReport } from '#adapters/report-files.ts';
import { MonthlyComplaintsBuilder } from '#domain/reports/monthly-complaints.ts';
import type { RenderedReportFile } from '#domain/reports/report-port.ts';
import { toArray, type ReportScratch } from '#domain/reports/report-spool.ts';
import type { Complaint } from '#domain/complaints/complaint.ts';
import type { ComplaintViolation } from '#domain/complaints/complaint-violations.ts';
import { calendar, marchComplaints, marchViolations, REPORT_MONTH, REPORT_NOW } from '../../support/report-month.ts';

const meta = (period: string) => ({
  type: 'monthly-complaints' as const,
  period,
  version: 1,
  generatedAt: '2026-04-01T05:00:00.000Z',
  rulebook: { id: 'kz-gov-797-2013', act: 'Decree No. 797' },
  dueDate: '2026-04-06',
});

const bytesOf = async (file: RenderedReportFile): Promise<Buffer> => Buffer.concat((await toArray(file.body())).map((chunk) => Buffer.from(chunk)));

let root: string;
let scratch: ReportScratch;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'report-files-test-'));
  scratch = await fileScratch(root);
});
afterEach(async () => {
  await scratch.dispose();
  await rm(root, { recursive: true, force: true });
});

async function month(complaints: readonly Complaint[], violations: readonly ComplaintViolation[], period = REPORT_MONTH) {
  const builder = new MonthlyComplaintsBuilder(period, calendar, new Date(REPORT_NOW), () => 5, scratch);
  for (const complaint of complaints) await builder.add(complaint);
  return builder.finish(violations);
}

describe('renderReport', () => {
  it('renders an empty month: every sheet with its two header rows and no data row', async () => {
    // Arrange
    const { content, inputs } = await month([], [], '2026-02');
    // Act
    const rendered = await renderReport(content, meta('2026-02'), inputs, root);
    // Assert
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await bytesOf(rendered.files[0]!)) as unknown as ArrayBuffer);
    expect(workbook.getWorksheet('Staff')!.actualRowCount).toBe(2);
    expect(workbook.getWorksheet('Review periods')!.actualRowCount).toBe(2);
    // The four kinds of body are named even with no violation.
    expect(workbook.getWorksheet('Violations by kind')!.actualRowCount).toBe(6);
    expect(JSON.parse((await bytesOf(rendered.inputs)).toString('utf8'))).toEqual({ complaintIds: [], violationIds: [] });
    await rendered.dispose();
  });

  it('hashes and sizes each file, names it by type, period and version, and quotes CSV cells with commas or quotes', async () => {
    // Arrange: a service name with a comma and quotes
    const complaints = marchComplaints().map((complaint, i) => (i === 2 ? { ...complaint, serviceName: 'Справка "о составе семьи", форма 1' } : complaint));
    const { content, inputs } = await month(complaints, marchViolations(complaints));
    // Act
    const rendered = await renderReport(content, meta(REPORT_MONTH), inputs, root);
    // Assert
    expect([...rendered.files, rendered.inputs].map((file) => [file.kind, file.fileName, file.contentType])).toEqual([
      ['xlsx', 'monthly-complaints-2026-03-v1.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['csv', 'monthly-complaints-2026-03-v1.csv', 'text/csv; charset=utf-8'],
      ['json', 'monthly-complaints-2026-03-v1.json', 'application/json'],
      ['inputs', 'monthly-complaints-2026-03-v1-inputs.json', 'application/json'],
    ]);
    for (const file of [...rendered.files, rendered.inputs]) {
      const bytes = await bytesOf(file);
      expect(file.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(file.size).toBe(bytes.length);
    }
    const csv = (await bytesOf(rendered.files[1]!)).toString('utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain(',"Справка ""о составе семьи"", форма 1",');
    expect(csv.split('\r\n').length).toBeGreaterThan(30);
    const snapshot = JSON.parse((await bytesOf(rendered.inputs)).toString('utf8')) as { complaintIds: string[]; violationIds: string[] };
    expect([...snapshot.complaintIds].sort()).toEqual(complaints.map((complaint) => complaint.id).sort());
    expect(snapshot.violationIds).toHaveLength(3);
    await rendered.dispose();
  });

  it('removes its files when disposed', async () => {
    // Arrange
    const { content, inputs } = await month([], [], '2026-02');
    const rendered = await renderReport(content, meta('2026-02'), inputs, root);
    const before = await readdir(root);
    // Act
    await rendered.dispose();
    // Assert: the scratch's own directory is all that is left
    expect(before.some((name) => name.startsWith('ucc-report-files-'))).toBe(true);
    expect((await readdir(root)).filter((name) => name.startsWith('ucc-report-files-'))).toEqual([]);
  });
});

describe('renderReport JSON', () => {
  it('writes exactly JSON.stringify of the content with its lists as arrays, spooled past one sorted run', async () => {
    // Arrange: 12,000 rows (three runs of the scratch's sort, many JSON chunks), given newest first
    const base = marchComplaints();
    const complaints = Array.from({ length: 12_000 }, (_, i) => ({ ...base[i % base.length]!, id: `cmp-${i}`, portalNumber: `ZT-${String(i).padStart(5, '0')}` })).reverse();
    const { content, inputs } = await month(complaints, []);
    // Act
    const rendered = await renderReport(content, meta(REPORT_MONTH), inputs, root);
    // Assert
    const json = (await bytesOf(rendered.files[2]!)).toString('utf8');
    const asArrays = {
      ...content,
      reviewPeriods: { ...content.reviewPeriods, items: await toArray(content.reviewPeriods.items) },
      violations: { ...content.violations, items: await toArray(content.violations.items) },
      procedureAndStandard: { ...content.procedureAndStandard, items: await toArray(content.procedureAndStandard.items) },
      staff: { ...content.staff, items: await toArray(content.staff.items) },
    };
    expect(json).toBe(JSON.stringify(asArrays));
    // In registration order, then portal number, whatever order they came in.
    const order = asArrays.reviewPeriods.items.map((row) => `${row.registeredOn} ${row.portalNumber}`);
    expect(order).toEqual([...order].sort());
    expect(asArrays.reviewPeriods.items).toHaveLength(12_000);
    await rendered.dispose();
  });
});
