import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoAppealCounterWriter } from '#adapters/appeal-store.ts';
import { dynamoComplaintStore, dynamoComplaintViolationStore } from '#adapters/complaint-store.ts';
import { APPEAL_DIMENSIONS, type AppealCounts } from '#domain/appeals/appeal-counts.ts';
import { incrementsOf } from '#domain/appeals/appeal-intake.ts';
import { apiClient, apiFetch, clearMails, closeScenario, createTestKey, openBodyScenario, registerAuthorityBodies, sentMails, type BodyScenario } from '../../support/local-stack.ts';
import { testBin } from '../../support/fixtures.ts';
import { QUARTER_COUNTS, REPORT_NOW, complainantOf, marchComplaints, marchViolations, portalNumberOf } from '../../support/report-month.ts';

type Api = ReturnType<typeof apiClient>;

const lebId = testBin(1500);
const qualityId = testBin(1501);
const informatizationId = testBin(1502);
const uccId = testBin(1503);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * The counters of QUARTER_COUNTS through the appeals' own counter writer (what the effect of a
 * push calls), split over two shards: the report reads them through the same reader as in AWS.
 */
/** When the seeded pushes were recorded (the writer keeps their tokens by hour of recording). */
const SEEDED_AT = '2026-10-01T00:00:00.000Z';

async function seedCounters(): Promise<void> {
  for (const counts of QUARTER_COUNTS) {
    const half = (share: 0 | 1, total: number): AppealCounts => ({
      quarter: counts.quarter,
      total,
      by: Object.fromEntries(
        APPEAL_DIMENSIONS.map((dimension) => [dimension, Object.fromEntries(Object.entries(counts.by[dimension]).filter((_, i) => i % 2 === share))]),
      ) as AppealCounts['by'],
    });
    await dynamoAppealCounterWriter.add(counts.quarter, 0, `seed-${counts.quarter}-0`, incrementsOf(half(0, counts.total - 1)), SEEDED_AT);
    await dynamoAppealCounterWriter.add(counts.quarter, 1, `seed-${counts.quarter}-1`, incrementsOf(half(1, 1)), SEEDED_AT);
  }
}

describe('reports (§18 monthly complaints, §13–§14 quarterly appeals): generation, files, versions, delivery', () => {
  let scenario: BodyScenario;
  let quality: Api;
  let informatization: Api;
  const setClock = async (now: string) => expect((await scenario.admin('POST', '/local/clock', { body: { now } })).status).toBe(200);
  const download = async (reportId: string, format: string, key = scenario.stack.adminKey) => {
    const response = await apiFetch(`${scenario.stack.url}/v1/reports/${reportId}/files/${format}`, { headers: { authorization: `Bearer ${key}` } });
    return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
  };
  const readXlsx = async (bytes: Buffer) => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    return workbook;
  };

  beforeAll(async () => {
    scenario = await openBodyScenario(lebId);
    ({ quality, informatization } = await registerAuthorityBodies(scenario, { quality: qualityId, informatization: informatizationId, ucc: uccId }));
    // The month of known answers (test/support/report-month.ts), stored as the complaints feature stores it.
    const complaints = marchComplaints();
    for (const complaint of complaints) expect(await dynamoComplaintStore.create(complaint, [], [])).toBe(true);
    for (const violation of marchViolations(complaints)) expect(await dynamoComplaintViolationStore.record(violation)).toBe(true);
    await seedCounters();
  });
  afterAll(async () => closeScenario(scenario));

  it('generates the March report with every §18 figure, due Monday 6 April (the 5th is a Sunday)', async () => {
    // Arrange
    await setClock(REPORT_NOW);
    // Act
    const posted = await scenario.admin('POST', '/v1/reports', { body: { type: 'monthly-complaints', period: '2026-03' }, headers: { 'idempotency-key': 'rep-2026-03-a' } });
    const read = await quality('GET', `/v1/reports/${posted.body.reportId}`);
    const json = await download(posted.body.reportId, 'json', await createTestKey('quality_authority'));
    // Assert
    expect(posted.status, JSON.stringify(posted.body)).toBe(202);
    expect(posted.body).toMatchObject({ reportId: 'mc-2026-03-v1', version: 1, dueDate: '2026-04-06' });
    expect(read.status).toBe(200);
    // The read answers the headline figures and links to the files, never the whole content.
    expect(read.body.summary).toEqual({
      type: 'monthly-complaints',
      totalComplaints: 6,
      reviewPeriods: { resolved: 4, open: 2, medianWorkingDays: 2.5, maxWorkingDays: 7, withinLegalPeriod: 3, periodOver: 5, shareWithinLegalPeriod: 0.6 },
      violations: { total: 3, byKind: { central_body: 1, local_executive_body: 0, public_service_center: 1, service_provider: 1 }, bodies: 3 },
      procedureAndStandard: { count: 4, procedure: 2, standardNoncompliance: 2 },
      staff: { count: 2 },
    });
    expect(read.body).not.toHaveProperty('content');
    expect(read.body.files.map((file: { format: string; href: string }) => [file.format, file.href])).toEqual(
      ['xlsx', 'csv', 'json'].map((format) => [format, `/v1/reports/mc-2026-03-v1/files/${format}`]),
    );
    expect(json.status).toBe(200);
    const content = JSON.parse(json.bytes.toString('utf8'));
    expect(content.totalComplaints).toBe(6);
    expect(content.reviewPeriods.summary).toEqual({ resolved: 4, open: 2, medianWorkingDays: 2.5, maxWorkingDays: 7, withinLegalPeriod: 3, periodOver: 5, shareWithinLegalPeriod: 0.6 });
    expect(content.reviewPeriods.items.map((row: { workingDaysTaken: number }) => row.workingDaysTaken)).toEqual([2, 7, 0, 13, 10, 3]);
    expect(content.violations.byKind).toEqual({ central_body: 1, local_executive_body: 0, public_service_center: 1, service_provider: 1 });
    expect(content.violations.total).toBe(3);
    expect(content.procedureAndStandard).toMatchObject({ count: 4, procedure: 2, standardNoncompliance: 2 });
    expect(content.staff.items.map((row: { portalNumber: string; complainant: unknown }) => [row.portalNumber, row.complainant])).toEqual([
      [portalNumberOf(3), complainantOf(3)],
      [portalNumberOf(5), complainantOf(5)],
    ]);
    // The snapshot of the inputs: counts in the record, the ids in a file of their own, hashed.
    expect(read.body.inputs).toEqual({ counts: { complaintIds: 6, violationIds: 3 }, sha256: read.body.inputsSha256, href: `/v1/reports/${read.body.reportId}/files/inputs` });
    const inputs = await download(read.body.reportId, 'inputs');
    expect(inputs.status).toBe(200);
    expect(inputs.headers.get('etag')).toBe(`"${read.body.inputsSha256}"`);
    expect(sha256(inputs.bytes)).toBe(read.body.inputsSha256);
    const snapshot = JSON.parse(inputs.bytes.toString('utf8'));
    expect(snapshot.complaintIds).toEqual(content.reviewPeriods.items.map((row: { complaintId: string }) => row.complaintId));
    expect(snapshot.violationIds).toEqual(content.violations.items.map((row: { complaintId: string }) => row.complaintId));
    expect(JSON.stringify(read.body)).not.toMatch(/REPORT#|"pk"|"sk"/);
  });

  it('serves the XLSX (title sheet, one sheet per part, kk and ru header rows frozen, widths, number formats), the CSV with a BOM and the JSON, each with its SHA-256 as ETag', async () => {
    // Act
    const list = await scenario.operator('GET', '/v1/reports?type=monthly-complaints&period=2026-03');
    const [summary] = list.body.items;
    const xlsx = await download(summary.reportId, 'xlsx');
    const csv = await download(summary.reportId, 'csv');
    const json = await download(summary.reportId, 'json');
    // Assert
    for (const [file, format] of [
      [xlsx, 'xlsx'],
      [csv, 'csv'],
      [json, 'json'],
    ] as const) {
      const listed = summary.files.find((candidate: { format: string }) => candidate.format === format);
      expect(file.status).toBe(200);
      expect(file.headers.get('etag')).toBe(`"${sha256(file.bytes)}"`);
      expect(listed).toEqual({ format, sha256: sha256(file.bytes), size: file.bytes.length });
    }
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.headers.get('content-disposition')).toContain('monthly-complaints-2026-03-v1.xlsx');
    const workbook = await readXlsx(xlsx.bytes);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Title', 'Summary', 'Review periods', 'Violations by kind', 'Violations by body', 'Violations', 'Procedure and standard', 'Staff']);
    const title = workbook.getWorksheet('Title')!;
    expect(title.getCell('B3').value).toBe('2026-03');
    expect(String(title.getCell('B7').value)).toContain('kz-gov-797-2013');
    const summarySheet = workbook.getWorksheet('Summary')!;
    expect(summarySheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(summarySheet.getRow(1).getCell(1).value).toBe('Көрсеткіш');
    expect(summarySheet.getRow(2).getCell(1).value).toBe('Показатель');
    // Rows 3..: total, resolved, open, median, max, within, share, violations, procedure+standard, staff
    expect([3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((row) => summarySheet.getRow(row).getCell(2).value)).toEqual([6, 4, 2, 2.5, 7, 3, 0.6, 3, 4, 2]);
    const periods = workbook.getWorksheet('Review periods')!;
    expect(periods.getColumn(5).width).toBe(12);
    expect(periods.getRow(2).getCell(7).value).toBe('Срок по закону, рабочих дней');
    expect(periods.getRow(6).getCell(7).value).toBe(15);
    expect(periods.getRow(6).getCell(7).numFmt).toBe('#,##0');
    expect(periods.getRow(7).getCell(11).value).toBe('overdue');
    const byKind = workbook.getWorksheet('Violations by kind')!;
    expect([3, 4, 5, 6].map((row) => byKind.getRow(row).getCell(2).value)).toEqual([1, 0, 1, 1]);
    const staff = workbook.getWorksheet('Staff')!;
    expect(staff.actualRowCount).toBe(4);
    expect([staff.getRow(3).getCell(1).value, staff.getRow(3).getCell(5).value, staff.getRow(3).getCell(9).value]).toEqual([portalNumberOf(3), 'Выдача справки 3', 'aliya.3@mail.kz']);
    expect(workbook.getWorksheet('Procedure and standard')!.actualRowCount).toBe(6);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.bytes.toString('utf8')).toContain('Жалобы на действия (бездействие) работников');
    expect(JSON.parse(json.bytes.toString('utf8')).totalComplaints).toBe(6);
  });

  it('gives a file too large for a Lambda response as a short-lived link to the object, whose bytes match the SHA-256', async () => {
    // Arrange: the threshold lowered for the test (4 MiB in the route)
    const { reportFile } = await import('#domain/reports/manage-reports.ts');
    const { reportReadPorts } = await import('#adapters/reports-composition.ts');
    // Act
    const { file, link } = await reportFile('mc-2026-03-v1', 'json', { clientId: 'test', role: 'ucc_admin' }, reportReadPorts, 100);
    const fetched = Buffer.from(await (await fetch(link!)).arrayBuffer());
    // Assert
    expect(link).toMatch(/X-Amz-Expires=900/);
    expect(sha256(fetched)).toBe(file.sha256);
  });

  it('regenerates as a new version and keeps the old one; the same Idempotency-Key replays the first answer', async () => {
    // Act
    const replay = await scenario.admin('POST', '/v1/reports', { body: { type: 'monthly-complaints', period: '2026-03' }, headers: { 'idempotency-key': 'rep-2026-03-a' } });
    const again = await scenario.admin('POST', '/v1/reports', { body: { type: 'monthly-complaints', period: '2026-03' }, headers: { 'idempotency-key': 'rep-2026-03-b' } });
    const list = await scenario.operator('GET', '/v1/reports?type=monthly-complaints&period=2026-03');
    const old = await download('mc-2026-03-v1', 'json');
    // Assert
    expect(replay.body.reportId).toBe('mc-2026-03-v1');
    expect(again.status).toBe(202);
    expect(again.body.reportId).toBe('mc-2026-03-v2');
    expect(list.body.items.map((item: { reportId: string }) => item.reportId)).toEqual(['mc-2026-03-v2', 'mc-2026-03-v1']);
    expect(old.status).toBe(200);
  });

  it('generates the quarterly appeals report from the counters, each figure beside the previous quarter and the year before', async () => {
    // Act
    const posted = await scenario.admin('POST', '/v1/reports', { body: { type: 'quarterly-appeals', period: '2026-Q1' } });
    const read = await informatization('GET', `/v1/reports/${posted.body.reportId}`);
    const xlsx = await download(posted.body.reportId, 'xlsx');
    const content = JSON.parse((await download(posted.body.reportId, 'json')).bytes.toString('utf8'));
    // Assert
    expect(posted.body, JSON.stringify(posted.body)).toMatchObject({ reportId: 'qa-2026-Q1-v1', dueDate: '2026-04-10' });
    expect(read.body.summary).toEqual({
      type: 'quarterly-appeals',
      quarters: { current: '2026-Q1', previousQuarter: '2025-Q4', yearBefore: '2025-Q1' },
      total: { current: 120, previousQuarter: 100, yearBefore: 80 },
      rows: Object.fromEntries(Object.entries(content.by).map(([dimension, rows]) => [dimension, (rows as unknown[]).length])),
    });
    expect(read.body.summary.rows.service).toBe(3);
    expect(content.total).toEqual({ current: 120, previousQuarter: 100, yearBefore: 80 });
    expect(content.by.service).toEqual([
      { key: '00301001', current: 70, previousQuarter: 60, yearBefore: 0 },
      { key: '00301002', current: 50, previousQuarter: 0, yearBefore: 80 },
      { key: '00301003', current: 0, previousQuarter: 40, yearBefore: 0 },
    ]);
    expect(content.by.channel[0]).toEqual({ key: 'phone', current: 100, previousQuarter: 90, yearBefore: 80 });
    expect(read.body.inputs.counts).toEqual({ quarters: 3 });
    expect(JSON.parse((await download(posted.body.reportId, 'inputs')).bytes.toString('utf8'))).toEqual({ quarters: ['2026-Q1', '2025-Q4', '2025-Q1'] });
    const workbook = await readXlsx(xlsx.bytes);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Title', 'Total', 'By service', 'By channel', 'By topic', 'By region', 'By outcome', 'By body']);
    const total = workbook.getWorksheet('Total')!;
    expect([2, 3, 4, 5].map((cell) => total.getRow(3).getCell(cell).value)).toEqual([120, 100, 80, 20]);
    expect(total.getRow(2).getCell(3).value).toBe('2025-Q4 (предыдущий квартал)');
    const service = workbook.getWorksheet('By service')!;
    expect([1, 2, 3, 4].map((cell) => service.getRow(4).getCell(cell).value)).toEqual(['00301002', 50, 0, 80]);
  });

  it('lets each authority read its own report only, and refuses a period of the other kind naming the field', async () => {
    // Act
    const forbidden = await quality('GET', '/v1/reports?type=quarterly-appeals');
    const forbiddenOne = await informatization('GET', '/v1/reports/mc-2026-03-v1');
    const wrongPeriod = await scenario.admin('POST', '/v1/reports', { body: { type: 'quarterly-appeals', period: '2026-03' } });
    const missing = await scenario.operator('GET', '/v1/reports/mc-2026-03-v9');
    const bad = await scenario.operator('GET', '/v1/reports/REPORT%23x');
    // Assert
    expect(forbidden.status).toBe(403);
    expect(forbiddenOne.status).toBe(403);
    expect(wrongPeriod.status).toBe(400);
    expect(JSON.stringify(wrongPeriod.body)).toContain('body.period');
    expect(missing.status).toBe(404);
    expect(bad.status).toBe(400);
    expect((await quality('POST', '/v1/reports', { body: { type: 'monthly-complaints', period: '2026-03' } })).status).toBe(403);
    // On 1 April 2026: April may be reported (in progress), May has not begun
    expect((await scenario.admin('POST', '/v1/reports', { body: { type: 'monthly-complaints', period: '2026-05' } })).status).toBe(422);
  });

  it('delivers the March report once, its XLSX attached, when the job runs twice at once and again', async () => {
    // Arrange: the 1st of April, 09:00 Almaty
    await setClock('2026-04-01T09:00:00+05:00');
    await clearMails(scenario.stack.sesEndpoint);
    // Act
    const runs = await Promise.all([scenario.admin('POST', '/local/jobs/monthly-report'), scenario.admin('POST', '/local/jobs/monthly-report')]);
    const third = await scenario.admin('POST', '/local/jobs/monthly-report');
    // Assert
    expect(runs.map((run) => run.status)).toEqual([200, 200]);
    expect(runs.flatMap((run) => run.body.result.delivered)).toEqual(['2026-03']);
    expect(third.body.result).toEqual({ delivered: [], skipped: [], breaches: [] });
    const mails = (await sentMails(scenario.stack.sesEndpoint)).filter((mail) => /Ежемесячный аналитический отчёт/.test(mail.subject));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.destination.to).toEqual([`office-${qualityId}@akimat.gov.kz`]);
    expect(mails[0]!.body.text).toContain('06.04.2026');
    const list = await scenario.operator('GET', '/v1/reports?type=monthly-complaints&period=2026-03');
    const delivered = list.body.items[0];
    expect(mails[0]!.attachments.map((attachment) => attachment.filename)).toEqual([`monthly-complaints-2026-03-v${delivered.version}.xlsx`]);
    const attached = await readXlsx(Buffer.from(mails[0]!.attachments[0]!.content, 'base64'));
    expect(attached.getWorksheet('Summary')!.getRow(3).getCell(2).value).toBe(6);
    // Delivered as a version of its own, generated for the delivery; the earlier versions were not sent.
    expect(delivered.deliveredAt).toMatch(/^2026-04-01T04:0/);
    expect(list.body.items.slice(1).map((item: { deliveredAt?: string }) => item.deliveredAt)).toEqual(list.body.items.slice(1).map(() => undefined));
  });

  it('catches up a skipped month, and tells the UCC admin once of the one delivered after its due date', async () => {
    // Arrange: the 1 May run never happened; 1 June 2026
    await setClock('2026-06-01T09:00:00+05:00');
    await clearMails(scenario.stack.sesEndpoint);
    // Act
    const run = await scenario.admin('POST', '/local/jobs/monthly-report');
    const again = await scenario.admin('POST', '/local/jobs/monthly-report');
    // Assert
    expect(run.body.result).toEqual({ delivered: ['2026-04', '2026-05'], skipped: [], breaches: ['2026-04'] });
    expect(again.body.result.delivered).toEqual([]);
    const mails = await sentMails(scenario.stack.sesEndpoint);
    const reports = mails.filter((mail) => /Ежемесячный аналитический отчёт/.test(mail.subject));
    expect(reports.map((mail) => mail.subject.slice(-7))).toEqual(['2026-04', '2026-05']);
    // April's report was due Tuesday 5 May 2026
    const breach = mails.filter((mail) => /Нарушен срок \(rpt-monthly-complaints-/.test(mail.subject));
    expect(breach).toHaveLength(1);
    expect(breach[0]!.subject).toContain('rpt-monthly-complaints-2026-04');
    expect(breach[0]!.destination.to).toEqual([`office-${uccId}@akimat.gov.kz`]);
    expect(breach[0]!.body.text).toContain('05.05.2026');
  });

  it('lets a period held by a crashed run wait, with the ones after it, until its lease runs out: none is skipped for good', async () => {
    // Arrange: a run claimed June at 09:00 on 1 August and died
    const { dynamoReportDeliveryStore } = await import('#adapters/report-store.ts');
    expect(await dynamoReportDeliveryStore.claim('monthly-complaints', '2026-06', new Date('2026-08-01T09:00:00+05:00'), 10 * 60_000)).toBe('claimed');
    await setClock('2026-08-01T09:05:00+05:00');
    // Act
    const during = await scenario.admin('POST', '/local/jobs/monthly-report');
    await setClock('2026-08-01T09:20:00+05:00');
    const after = await scenario.admin('POST', '/local/jobs/monthly-report');
    // Assert
    expect(during.body.result).toEqual({ delivered: [], skipped: ['2026-06', '2026-07'], breaches: [] });
    // June's report was due Tuesday 7 July (the 5th a Sunday, the 6th Capital Day)
    expect(after.body.result).toEqual({ delivered: ['2026-06', '2026-07'], skipped: [], breaches: ['2026-06'] });
  });

  it('lists a type’s reports over all periods, newest period first, in pages', async () => {
    // Act
    const first = await quality('GET', '/v1/reports?type=monthly-complaints&limit=2');
    const second = await quality('GET', `/v1/reports?type=monthly-complaints&limit=2&cursor=${first.body.nextCursor}`);
    // Assert
    expect(first.body.items.map((item: { period: string }) => item.period)).toEqual(['2026-07', '2026-06']);
    expect(second.body.items.map((item: { period: string }) => item.period)).toEqual(['2026-05', '2026-04']);
    expect(JSON.stringify(first.body.items)).not.toMatch(/REPORT#|gsi1/);
  });

  it('delivers the quarterly report to the informatization authority on 1 April', async () => {
    // Arrange
    await setClock('2026-04-01T09:00:00+05:00');
    await clearMails(scenario.stack.sesEndpoint);
    // Act
    const run = await scenario.admin('POST', '/local/jobs/quarterly-report');
    // Assert
    expect(run.body.result).toEqual({ delivered: ['2026-Q1'], skipped: [], breaches: [] });
    const [mail] = (await sentMails(scenario.stack.sesEndpoint)).filter((candidate) => /Ежеквартальный отчёт/.test(candidate.subject));
    expect(mail?.destination.to).toEqual([`office-${informatizationId}@akimat.gov.kz`]);
    expect(mail?.attachments[0]?.filename).toMatch(/^quarterly-appeals-2026-Q1-v\d+\.xlsx$/);
  });
});
