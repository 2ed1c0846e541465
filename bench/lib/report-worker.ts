import { emptyAppealCounts, type AppealCounts, type Quarter } from '#domain/appeals/appeal-counts.ts';
import { KZ_SEED } from '#domain/calendar/kz-seed.ts';
import { addDays } from '#domain/calendar/local-date.ts';
import { registerComplaint, resolveComplaint, type Complaint, type ComplaintCategory } from '#domain/complaints/complaint.ts';
import { WorkingCalendar } from '#domain/calendar/working-calendar.ts';
import { generateReport } from '#domain/reports/manage-reports.ts';
import type { ReportPorts } from '#domain/reports/report-port.ts';
import type { ReportVersion } from '#domain/reports/report.ts';
import { RULEBOOK_2013 } from '#domain/rulebook/seed-rulebooks.ts';
import { fileScratch } from '#adapters/file-scratch.ts';
import { renderReport } from '#adapters/report-files.ts';
import type { ComplaintViolation } from '#domain/complaints/complaint-violations.ts';

/**
 * One measurement in a fresh process (so that its peak RSS is its own): generates the monthly
 * report of N complaints or the quarterly report of N appeals through generateReport and the
 * real renderer (exceljs, CSV, JSON) and the file scratch (spools and files in the temporary
 * directory), with the stores in memory: the complaints are served in pages of the store's size
 * (a violation for one in ten), each file is read through once as the upload would. Prints one JSON line.
 */
const [kind, sizeArg] = process.argv.slice(2);
const size = Number(sizeArg);
const calendar = new WorkingCalendar(KZ_SEED);
const CATEGORIES: ComplaintCategory[] = ['procedure', 'standard_noncompliance', 'staff_action_inaction'];
const DAYS = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13', '2026-03-16'];

/** A few real complaints (register, resolve) as templates; the month's N are copies with their own ids and contacts. */
function templates(): Complaint[] {
  const out: Complaint[] = [];
  for (const [d, day] of DAYS.entries()) {
    for (const [c, category] of CATEGORIES.entries()) {
      const context = (now: string) => ({ now: new Date(now), actor: 'bench', calendar, rulebook: RULEBOOK_2013, recipients: { reviewer: [] } });
      const { state } = registerComplaint(
        {
          id: `cmp-${String(d * 3 + c).padStart(32, '0')}`,
          portalNumber: `ZT-${d}-${c}`,
          bodyId: '010000000607',
          bodyKind: 'local_executive_body',
          addressedTo: 'service_provider',
          reviewerId: '010000000607',
          reviewerKind: 'local_executive_body',
          category,
          serviceCode: `0030100${c}`,
          serviceName: `Выдача справки ${c}`,
          complainant: { fullName: 'Серикова Алия', phone: '+77012345678', email: 'aliya@mail.kz' },
          receivedAt: new Date(`${day}T09:00:00+05:00`).toISOString(),
          document: { fileName: 'c.p7s', contentType: 'application/pkcs7-signature', size: 10, sha256: 'a'.repeat(64) },
        },
        context(`${day}T10:00:00+05:00`),
      );
      out.push(c === 2 ? state : resolveComplaint(state, { decision: 'satisfied', summary: '-', attachments: [] }, context(`${addDays(day, 2 + d)}T12:00:00+05:00`)).state);
    }
  }
  return out;
}

const memoryReports = (): ReportPorts['reports'] => {
  const stored: ReportVersion[] = [];
  return {
    latestVersion: async () => stored.length,
    create: async (version) => (stored.push(version), true),
    get: async () => undefined,
    list: async () => ({ items: [] }),
    markDelivered: async () => undefined,
  };
};

async function main() {
  const base = templates();
  const PAGE = 500;
  let pagesServed = 0;
  const ports: ReportPorts = {
    reports: memoryReports(),
    // Each file read through, as the S3 upload reads it.
    files: {
      put: async (file) => {
        for await (const _chunk of file.body()) void _chunk;
      },
      get: async () => undefined,
      link: async () => 'unused',
    },
    renderer: { render: (content, meta, inputs) => renderReport(content, meta, inputs) },
    scratch: () => fileScratch(),
    complaints: {
      // Each page made when asked (as a Query page arrives) and dropped after: the month is never whole in the source.
      list: async ({ cursor }) => {
        const from = cursor === undefined ? 0 : Number(cursor);
        const items: Complaint[] = [];
        for (let i = from; i < Math.min(size, from + PAGE); i += 1) {
          const template = base[i % base.length]!;
          items.push({ ...template, id: `cmp-${i.toString(16).padStart(32, '0')}`, portalNumber: `ZT-2026-${i}`, complainant: { ...template.complainant, email: `c${i}@mail.kz` } });
        }
        pagesServed += 1;
        return from + PAGE < size ? { items, nextCursor: String(from + PAGE) } : { items };
      },
    },
    // One complaint in ten had its review period run out in the month unresolved.
    violations: {
      async *eachOfMonth(): AsyncGenerator<ComplaintViolation> {
        for (let i = 0; i < size; i += 10) {
          yield {
            month: '2026-03',
            complaintId: `cmp-${i.toString(16).padStart(32, '0')}`,
            portalNumber: `ZT-2026-${i}`,
            bodyId: `0100000006${String(i % 97).padStart(2, '0')}`,
            bodyKind: 'local_executive_body',
            targetBodyId: '010000000607',
            addressedTo: 'service_provider',
            category: 'procedure',
            serviceCode: '00301001',
            rule: 'complaintReviewProvider',
            cite: 'Art. 25',
            dueAt: `2026-03-${String(1 + (i % 28)).padStart(2, '0')}T23:59:59.999+05:00`,
            occurredAt: '2026-03-31T00:00:00.000Z',
          };
        }
      },
    },
    appealCounts: {
      // §13 counters: as many keys whatever the appeals' number; only the values grow.
      readQuarter: async (quarter: Quarter): Promise<AppealCounts> => {
        const counts = emptyAppealCounts(quarter);
        counts.total = size;
        for (const dimension of Object.keys(counts.by) as (keyof AppealCounts['by'])[]) {
          for (let k = 0; k < 50; k += 1) counts.by[dimension][`${dimension}-${k}`] = Math.floor(size / 50);
        }
        return counts;
      },
    },
    calendars: { listStoredYears: async () => [], getStoredYear: async () => undefined, replaceYear: async () => { throw new Error('read only'); } },
    bodyOfKind: async () => undefined,
    clock: { now: () => new Date('2026-04-01T10:00:00+05:00') },
  };
  const t0 = performance.now();
  const report = await generateReport(kind === 'quarterly' ? 'quarterly-appeals' : 'monthly-complaints', kind === 'quarterly' ? '2026-Q1' : '2026-03', 'bench', ports);
  const ms = performance.now() - t0;
  const sizes = Object.fromEntries(report.files.map((file) => [file.format, file.size]));
  console.log(JSON.stringify({ kind, size, ms, maxRssMiB: process.resourceUsage().maxRSS / 1024, pagesServed, sizes }));
}

await main();
