import { addDays, toAlmatyDate } from '../calendar/local-date.ts';
import { countWorkingDays } from '../calendar/compute-deadline.ts';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import { reviewDeadlineOf, type Complaint, type ComplaintCategory } from '../complaints/complaint.ts';
import { ViolationTally, byDueTime, type ComplaintViolation } from '../complaints/complaint-violations.ts';
import type { BodyKind } from '../directory/body.ts';
import type { CitizenContact } from '../directory/personal-data.ts';
import { mapList, type ReportScratch, type RowList, type RowSpool } from './report-spool.ts';
import { definedMembers } from '../defined-members.ts';

/**
 * §18: the monthly analytical report on complaints for month M, due to the quality authority by
 * the 5th of M+1 (rulebook `monthlyReport`; a 5th that is a day off ends on the next working
 * day, docs/design.md "Working days"). Built row by row (`add` per complaint, as the store
 * pages them): each row goes to a spool of the scratch (report-spool.ts: on disk in the
 * functions), sorted there, so a month of complaints is never in memory at once (issue 15 §6);
 * the review periods' median comes from a histogram of working days, not a sorted list.
 */

/** One complaint's review period (§18 "the review periods of complaints"), in working days (Art. 25). */
export interface ReviewPeriodRow {
  complaintId: string;
  portalNumber: string;
  bodyId: string;
  bodyKind: BodyKind;
  reviewerId: string;
  addressedTo: Complaint['addressedTo'];
  category: ComplaintCategory;
  serviceCode: string;
  registeredOn: string;
  /** The legal period (Art. 25: 5 or 15 working days) and its due date. */
  legalWorkingDays: number;
  dueDate: string;
  resolvedOn?: string;
  /** Working days from the day after registration to the outcome's day (Asia/Almaty); open: to the report's day. */
  workingDaysTaken: number;
  /** in_time / late: resolved; open: still within the period; overdue: open past its due date. */
  status: 'in_time' | 'late' | 'open' | 'overdue';
}

/** A complaint in the §18 lists, with the recipient's contact details (personal data: reports go to the UCC and the quality authority only). */
export interface ComplaintListRow {
  complaintId: string;
  portalNumber: string;
  category: ComplaintCategory;
  bodyId: string;
  bodyKind: BodyKind;
  serviceCode: string;
  serviceName: string;
  registeredOn: string;
  complainant: CitizenContact;
}

export interface MonthlyComplaintsContent {
  type: 'monthly-complaints';
  period: string;
  cite: '§18';
  /** The total of complaints filed through the portal forum and registered in the month. */
  totalComplaints: number;
  reviewPeriods: {
    summary: {
      resolved: number;
      open: number;
      /** Of the resolved: working days taken. */
      medianWorkingDays: number | null;
      maxWorkingDays: number | null;
      /** Resolved within the legal period, and its share of those whose period is over (resolved, or open past the due date). */
      withinLegalPeriod: number;
      periodOver: number;
      shareWithinLegalPeriod: number | null;
    };
    items: RowList<ReviewPeriodRow>;
  };
  /** Violations of the legal review periods whose period ran out in the month, per kind of body and per body. */
  violations: {
    total: number;
    byKind: Partial<Record<BodyKind, number>>;
    byBody: { bodyId: string; bodyKind: BodyKind; violations: number }[];
    items: RowList<ViolationRow>;
  };
  /** §18: about the procedure, and about non-compliance with the service standard. */
  procedureAndStandard: { count: number; procedure: number; standardNoncompliance: number; items: RowList<ComplaintListRow> };
  /** §18: about employees' actions or inaction. */
  staff: { count: number; items: RowList<ComplaintListRow> };
}

export interface ViolationRow {
  complaintId: string;
  portalNumber: string;
  bodyId: string;
  bodyKind: BodyKind;
  serviceCode: string;
  dueAt: string;
  cite: string;
}

/** What a version was built from (its inputs' snapshot): the complaints' and the violations' ids, in the report's order. */
export type MonthlyComplaintsInputs = Record<'complaintIds' | 'violationIds', RowList<string>>;

/** The parts of the report, in order: the XLSX sheets and CSV sections. */
export const MONTHLY_PARTS = ['reviewPeriods', 'violationsByKind', 'violationsByBody', 'violations', 'procedureAndStandard', 'staff'] as const;

/** Median of a histogram of non-negative integers (the lower middle of an even count, as the row list would give). */
function medianOf(histogram: ReadonlyMap<number, number>, count: number): number | null {
  if (count === 0) return null;
  const target = Math.floor((count - 1) / 2);
  let seen = 0;
  for (const value of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(value)!;
    if (seen > target) {
      if (count % 2 === 1 || seen > target + 1) return value;
      // Even count, the two middles differ: their mean.
      const next = [...histogram.keys()].sort((a, b) => a - b).find((other) => other > value)!;
      return (value + next) / 2;
    }
  }
  return null;
}

const workingDaysBetween = (registeredOn: string, until: string, calendar: WorkingCalendar): number =>
  until <= registeredOn ? 0 : countWorkingDays(addDays(registeredOn, 1), until, calendar).count;

const listRow = (complaint: Complaint): ComplaintListRow => ({
  complaintId: complaint.id,
  portalNumber: complaint.portalNumber,
  category: complaint.category,
  bodyId: complaint.bodyId,
  bodyKind: complaint.bodyKind,
  serviceCode: complaint.serviceCode,
  serviceName: complaint.serviceName,
  registeredOn: complaint.registeredOn,
  complainant: complaint.complainant,
});

/** The report lists by registration, oldest first (the store pages by status, newest first). */
const byRegistration = (a: { registeredOn: string; portalNumber: string }, b: { registeredOn: string; portalNumber: string }) =>
  a.registeredOn.localeCompare(b.registeredOn) || a.portalNumber.localeCompare(b.portalNumber);

type Counts = Omit<MonthlyComplaintsContent, 'reviewPeriods' | 'violations' | 'procedureAndStandard' | 'staff'> & {
  reviewPeriods: { summary: MonthlyComplaintsContent['reviewPeriods']['summary'] };
  procedureAndStandard: Omit<MonthlyComplaintsContent['procedureAndStandard'], 'items'>;
  staff: Omit<MonthlyComplaintsContent['staff'], 'items'>;
};

export class MonthlyComplaintsBuilder {
  private readonly histogram = new Map<number, number>();
  private readonly counts: Counts;
  private readonly today: string;
  private readonly rows: {
    reviewPeriods: RowSpool<ReviewPeriodRow>;
    procedureAndStandard: RowSpool<ComplaintListRow>;
    staff: RowSpool<ComplaintListRow>;
    violations: RowSpool<ViolationRow>;
  };

  constructor(
    readonly period: string,
    private readonly calendar: WorkingCalendar,
    private readonly now: Date,
    private readonly legalWorkingDays: (complaint: Complaint) => number,
    scratch: ReportScratch,
  ) {
    this.today = toAlmatyDate(now);
    this.counts = {
      type: 'monthly-complaints',
      period,
      cite: '§18',
      totalComplaints: 0,
      reviewPeriods: {
        summary: { resolved: 0, open: 0, medianWorkingDays: null, maxWorkingDays: null, withinLegalPeriod: 0, periodOver: 0, shareWithinLegalPeriod: null },
      },
      procedureAndStandard: { count: 0, procedure: 0, standardNoncompliance: 0 },
      staff: { count: 0 },
    };
    this.rows = {
      reviewPeriods: scratch.spool<ReviewPeriodRow>('review-periods', byRegistration),
      procedureAndStandard: scratch.spool<ComplaintListRow>('procedure-and-standard', byRegistration),
      staff: scratch.spool<ComplaintListRow>('staff', byRegistration),
      violations: scratch.spool<ViolationRow>('violations', byDueTime),
    };
  }

  /** One complaint registered in the month (others are refused: the store's month range is the input). */
  async add(complaint: Complaint): Promise<void> {
    if (complaint.registeredOn.slice(0, 7) !== this.period) throw new RangeError(`complaint ${complaint.id} was registered in ${complaint.registeredOn.slice(0, 7)}, not ${this.period}`);
    const counts = this.counts;
    const summary = counts.reviewPeriods.summary;
    counts.totalComplaints += 1;
    const review = reviewDeadlineOf(complaint);
    const dueDate = review?.dueDate ?? complaint.registeredOn;
    const resolvedOn = complaint.outcome === undefined ? undefined : toAlmatyDate(complaint.outcome.at);
    const workingDaysTaken = workingDaysBetween(complaint.registeredOn, resolvedOn ?? this.today, this.calendar);
    let status: ReviewPeriodRow['status'];
    if (complaint.outcome !== undefined) {
      status = complaint.outcome.inTime ? 'in_time' : 'late';
      summary.resolved += 1;
      summary.periodOver += 1;
      if (complaint.outcome.inTime) summary.withinLegalPeriod += 1;
      this.histogram.set(workingDaysTaken, (this.histogram.get(workingDaysTaken) ?? 0) + 1);
      summary.maxWorkingDays = Math.max(summary.maxWorkingDays ?? 0, workingDaysTaken);
    } else {
      const overdue = review !== undefined && this.now.getTime() > Date.parse(review.dueAt);
      status = overdue ? 'overdue' : 'open';
      summary.open += 1;
      if (overdue) summary.periodOver += 1;
    }
    await this.rows.reviewPeriods.add({
      complaintId: complaint.id,
      portalNumber: complaint.portalNumber,
      bodyId: complaint.bodyId,
      bodyKind: complaint.bodyKind,
      reviewerId: complaint.reviewerId,
      addressedTo: complaint.addressedTo,
      category: complaint.category,
      serviceCode: complaint.serviceCode,
      registeredOn: complaint.registeredOn,
      legalWorkingDays: this.legalWorkingDays(complaint),
      dueDate,
      ...definedMembers({ resolvedOn }),
      workingDaysTaken,
      status,
    });
    if (complaint.category === 'staff_action_inaction') {
      counts.staff.count += 1;
      await this.rows.staff.add(listRow(complaint));
    } else {
      counts.procedureAndStandard.count += 1;
      if (complaint.category === 'procedure') counts.procedureAndStandard.procedure += 1;
      else counts.procedureAndStandard.standardNoncompliance += 1;
      await this.rows.procedureAndStandard.add(listRow(complaint));
    }
  }

  /** The month's violations of the review periods (§18, one per complaint, by the month its period ran out), in any order. */
  async finish(violations: AsyncIterable<ComplaintViolation> | Iterable<ComplaintViolation>): Promise<{ content: MonthlyComplaintsContent; inputs: MonthlyComplaintsInputs }> {
    const counts = this.counts;
    const summary = counts.reviewPeriods.summary;
    summary.medianWorkingDays = medianOf(this.histogram, summary.resolved);
    summary.shareWithinLegalPeriod = summary.periodOver === 0 ? null : Math.round((summary.withinLegalPeriod / summary.periodOver) * 10_000) / 10_000;
    const tally = new ViolationTally();
    for await (const violation of violations) {
      tally.add(violation);
      await this.rows.violations.add({
        complaintId: violation.complaintId,
        portalNumber: violation.portalNumber,
        bodyId: violation.bodyId,
        bodyKind: violation.bodyKind,
        serviceCode: violation.serviceCode,
        dueAt: violation.dueAt,
        cite: violation.cite,
      });
    }
    const content: MonthlyComplaintsContent = {
      ...counts,
      reviewPeriods: { summary, items: await this.rows.reviewPeriods.close() },
      violations: { ...tally.figures(), items: await this.rows.violations.close() },
      procedureAndStandard: { ...counts.procedureAndStandard, items: await this.rows.procedureAndStandard.close() },
      staff: { ...counts.staff, items: await this.rows.staff.close() },
    };
    // The snapshot lists the ids in the report's order, read again from its rows.
    return {
      content,
      inputs: {
        complaintIds: mapList(content.reviewPeriods.items, (row) => row.complaintId),
        violationIds: mapList(content.violations.items, (row) => row.complaintId),
      },
    };
  }
}
