import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { renderReport } from '#adapters/report-files.ts';
import { MonthlyComplaintsBuilder } from '#domain/reports/monthly-complaints.ts';
import { calendar, marchComplaints, marchViolations, REPORT_MONTH, REPORT_NOW } from '../../support/report-month.ts';

const meta = (period: string) => ({
  type: 'monthly-complaints' as const,
  period,
  version: 1,
  generatedAt: '2026-04-01T05:00:00.000Z',
  rulebook: { id: 'kz-gov-797-2013', act: 'Decree No. 797' },
  dueDate: '2026-04-06',
});

describe('renderReport', () => {
  it('renders an empty month: every sheet with its two header rows and no data row', async () => {
    // Arrange
    const { content } = new MonthlyComplaintsBuilder('2026-02', calendar, new Date(REPORT_NOW), () => 5).finish([]);
    // Act
    const files = await renderReport(content, meta('2026-02'));
    // Assert
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(files.find((file) => file.format === 'xlsx')!.bytes as unknown as ArrayBuffer);
    expect(workbook.getWorksheet('Staff')!.actualRowCount).toBe(2);
    expect(workbook.getWorksheet('Review periods')!.actualRowCount).toBe(2);
    // The four kinds of body are named even with no violation.
    expect(workbook.getWorksheet('Violations by kind')!.actualRowCount).toBe(6);
  });

  it('hashes each file, names it by type, period and version, and quotes CSV cells with commas or quotes', async () => {
    // Arrange: a service name with a comma and quotes
    const complaints = marchComplaints().map((complaint, i) => (i === 2 ? { ...complaint, serviceName: 'Справка "о составе семьи", форма 1' } : complaint));
    const builder = new MonthlyComplaintsBuilder(REPORT_MONTH, calendar, new Date(REPORT_NOW), () => 5);
    for (const complaint of complaints) builder.add(complaint);
    const { content } = builder.finish(marchViolations(complaints));
    // Act
    const files = await renderReport(content, meta(REPORT_MONTH));
    // Assert
    expect(files.map((file) => [file.format, file.fileName, file.contentType])).toEqual([
      ['xlsx', 'monthly-complaints-2026-03-v1.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['csv', 'monthly-complaints-2026-03-v1.csv', 'text/csv; charset=utf-8'],
      ['json', 'monthly-complaints-2026-03-v1.json', 'application/json'],
    ]);
    for (const file of files) expect(file.sha256).toBe(createHash('sha256').update(file.bytes).digest('hex'));
    const csv = files[1]!.bytes.toString('utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain(',"Справка ""о составе семьи"", форма 1",');
    expect(csv.split('\r\n').length).toBeGreaterThan(30);
  });
});

describe('renderReport JSON', () => {
  it('writes exactly JSON.stringify of the content, long lists in chunks included', async () => {
    // Arrange: 2,500 rows (three chunks) from the six of March
    const base = marchComplaints();
    const builder = new MonthlyComplaintsBuilder(REPORT_MONTH, calendar, new Date(REPORT_NOW), () => 5);
    for (let i = 0; i < 2500; i += 1) builder.add({ ...base[i % base.length]!, id: `cmp-${i}`, portalNumber: `ZT-${String(i).padStart(5, '0')}` });
    const { content } = builder.finish([]);
    // Act
    const json = (await renderReport(content, meta(REPORT_MONTH))).find((file) => file.format === 'json')!;
    // Assert
    expect(json.bytes.toString('utf8')).toBe(JSON.stringify(content));
  });
});
