import { KZ_SEED } from '#domain/calendar/kz-seed.ts';
import { WorkingCalendar } from '#domain/calendar/working-calendar.ts';
import { registerComplaint, resolveComplaint, reviewDeadlineOf, type Complaint, type ComplaintAddressee, type ComplaintCategory } from '#domain/complaints/complaint.ts';
import { complaintViolationOf, type ComplaintViolation } from '#domain/complaints/complaint-violations.ts';
import type { BodyKind } from '#domain/directory/body.ts';
import { RULEBOOK_2013 } from '#domain/rulebook/seed-rulebooks.ts';
import type { AppealCounts } from '#domain/appeals/appeal-counts.ts';

/**
 * March 2026 with known answers for every §18 figure, worked out by hand on the KZ calendar
 * (8 March is a Sunday: the 9th is off; 21–25 March are Nauryz). The report is generated on
 * 1 April 2026, 10:00 Almaty.
 *
 * | # | registered | kind | addressed | category | resolved | working days | status |
 * |---|---|---|---|---|---|---|---|
 * | 1 | Mon 2 Mar | LEB | provider | procedure | Wed 4 Mar | 2 (3, 4) | in time (due 10 Mar) |
 * | 2 | Mon 2 Mar | PSC | provider | standard | Thu 12 Mar | 7 (3–6, 10–12) | late (due 10 Mar) |
 * | 3 | Tue 3 Mar | LEB | provider | staff | Tue 3 Mar | 0 | in time |
 * | 4 | Tue 10 Mar | LEB | quality authority | standard | — | 13 by 1 Apr | open (due 3 Apr) |
 * | 5 | Fri 13 Mar | provider | provider | staff | — | 10 by 1 Apr | overdue (due 20 Mar) |
 * | 6 | Mon 16 Mar | LEB | provider | procedure | Thu 19 Mar | 3 (17–19) | in time |
 *
 * Resolved days 0, 2, 3, 7: median 2.5, max 7; within the period 3 of the 5 whose period is over
 * (4 resolved + #5): share 0.6. Violations with a due date in March: #2 (PSC), #5 (provider) and
 * a February complaint of a central body due 2 March: central 1, LEB 0, PSC 1, provider 1.
 */
export const REPORT_MONTH = '2026-03';
export const REPORT_NOW = '2026-04-01T10:00:00+05:00';
export const calendar = new WorkingCalendar(KZ_SEED);

export const BODIES: Record<'leb' | 'psc' | 'provider' | 'central' | 'quality', { id: string; kind: BodyKind }> = {
  leb: { id: '010000000607', kind: 'local_executive_body' },
  psc: { id: '030000000421', kind: 'public_service_center' },
  provider: { id: '040000000316', kind: 'service_provider' },
  central: { id: '050000000210', kind: 'central_body' },
  quality: { id: '020000000515', kind: 'quality_authority' },
};

interface Row {
  n: number;
  registeredOn: string;
  body: keyof typeof BODIES;
  addressedTo: ComplaintAddressee;
  category: ComplaintCategory;
  resolvedAt?: string;
}

const ROWS: Row[] = [
  { n: 1, registeredOn: '2026-03-02', body: 'leb', addressedTo: 'service_provider', category: 'procedure', resolvedAt: '2026-03-04T15:00:00+05:00' },
  { n: 2, registeredOn: '2026-03-02', body: 'psc', addressedTo: 'service_provider', category: 'standard_noncompliance', resolvedAt: '2026-03-12T15:00:00+05:00' },
  { n: 3, registeredOn: '2026-03-03', body: 'leb', addressedTo: 'service_provider', category: 'staff_action_inaction', resolvedAt: '2026-03-03T17:00:00+05:00' },
  { n: 4, registeredOn: '2026-03-10', body: 'leb', addressedTo: 'quality_authority', category: 'standard_noncompliance' },
  { n: 5, registeredOn: '2026-03-13', body: 'provider', addressedTo: 'service_provider', category: 'staff_action_inaction' },
  { n: 6, registeredOn: '2026-03-16', body: 'leb', addressedTo: 'service_provider', category: 'procedure', resolvedAt: '2026-03-19T11:00:00+05:00' },
];

export const complainantOf = (n: number) => ({ fullName: `Серикова Алия ${n}`, phone: `+7701234560${n}`, email: `aliya.${n}@mail.kz` });
export const portalNumberOf = (n: number) => `ZT-2026-03-${String(n).padStart(4, '0')}`;
export const complaintIdOf = (n: number) => `cmp-${String(n).padStart(32, '0')}`;

const contextAt = (now: string) => ({ now: new Date(now), actor: 'ucc-operator', calendar, rulebook: RULEBOOK_2013, recipients: { reviewer: [] } });

function complaintOf(row: Row, month = REPORT_MONTH): Complaint {
  const body = BODIES[row.body];
  const registeredOn = row.registeredOn.replace(REPORT_MONTH, month);
  const { state } = registerComplaint(
    {
      id: complaintIdOf(row.n),
      portalNumber: portalNumberOf(row.n),
      bodyId: body.id,
      bodyKind: body.kind,
      addressedTo: row.addressedTo,
      reviewerId: row.addressedTo === 'quality_authority' ? BODIES.quality.id : body.id,
      reviewerKind: row.addressedTo === 'quality_authority' ? 'quality_authority' : body.kind,
      category: row.category,
      serviceCode: `0030100${row.n}`,
      serviceName: `Выдача справки ${row.n}`,
      complainant: complainantOf(row.n),
      receivedAt: new Date(`${registeredOn}T09:00:00+05:00`).toISOString(),
      document: { fileName: 'complaint.p7s', contentType: 'application/pkcs7-signature', size: 10, sha256: 'a'.repeat(64) },
    },
    contextAt(`${registeredOn}T10:00:00+05:00`),
  );
  if (row.resolvedAt === undefined) return state;
  return resolveComplaint(state, { decision: 'satisfied', summary: 'Рассмотрена.', attachments: [] }, contextAt(row.resolvedAt)).state;
}

/** The six complaints of March, as stored after their outcomes. */
export const marchComplaints = (): Complaint[] => ROWS.map((row) => complaintOf(row));

const breachOf = (complaint: Complaint) => {
  const review = reviewDeadlineOf(complaint)!;
  return { rule: review.key, cite: review.cite, dueAt: review.dueAt, occurredAt: new Date(Date.parse(review.dueAt) + 1).toISOString() };
};

/** The violations whose review period ran out in March: #2, #5, and a February complaint of a central body due 2 March. */
export function marchViolations(complaints: readonly Complaint[]): ComplaintViolation[] {
  const february = complaintOf({ n: 7, registeredOn: '2026-02-23', body: 'central', addressedTo: 'service_provider', category: 'procedure' }, '2026-02');
  const violations = [complaints[1]!, complaints[4]!, february].map((complaint) => complaintViolationOf(complaint, breachOf(complaint)));
  if (violations.some((violation) => violation.month !== REPORT_MONTH)) throw new Error('a fixture violation is not in March');
  return violations;
}

/**
 * A quarter of counters with known answers: 2026-Q1 beside 2025-Q4 and 2025-Q1, in three
 * quarters' worth of counts per dimension.
 */
export const QUARTER = '2026-Q1';
const counts = (quarter: AppealCounts['quarter'], total: number, by: Partial<AppealCounts['by']>): AppealCounts => ({
  quarter,
  total,
  by: { service: {}, channel: {}, topic: {}, region: {}, outcome: {}, body: {}, ...by },
});
export const QUARTER_COUNTS: AppealCounts[] = [
  counts('2026-Q1', 120, {
    service: { '00301001': 70, '00301002': 50 },
    channel: { phone: 100, chat: 20 },
    topic: { consultation: 90, complaint: 30 },
    region: { Astana: 80, Almaty: 40 },
    outcome: { answered: 110, redirected: 10 },
    body: { '010000000607': 120 },
  }),
  counts('2025-Q4', 100, {
    service: { '00301001': 60, '00301003': 40 },
    channel: { phone: 90, email: 10 },
    topic: { consultation: 100 },
    region: { Astana: 100 },
    outcome: { answered: 100 },
    body: { '010000000607': 100 },
  }),
  counts('2025-Q1', 80, {
    service: { '00301002': 80 },
    channel: { phone: 80 },
    topic: { complaint: 80 },
    region: { Almaty: 80 },
    outcome: { redirected: 80 },
    body: { '030000000421': 80 },
  }),
];
