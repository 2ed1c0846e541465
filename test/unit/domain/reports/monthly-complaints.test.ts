import { describe, expect, it } from 'vitest';
import { REVIEW_RULES } from '#domain/complaints/complaint.ts';
import { MonthlyComplaintsBuilder } from '#domain/reports/monthly-complaints.ts';
import { memoryScratch, toArray } from '#domain/reports/report-spool.ts';
import { RULEBOOK_2013 } from '#domain/rulebook/seed-rulebooks.ts';
import { BODIES, REPORT_MONTH, REPORT_NOW, calendar, complainantOf, marchComplaints, marchViolations, portalNumberOf } from '../../../support/report-month.ts';

const legalDays = (complaint: { addressedTo: keyof typeof REVIEW_RULES }) => RULEBOOK_2013.rules[REVIEW_RULES[complaint.addressedTo]].value;

async function build() {
  const complaints = marchComplaints();
  const builder = new MonthlyComplaintsBuilder(REPORT_MONTH, calendar, new Date(REPORT_NOW), legalDays, memoryScratch());
  // The store pages by status, newest first: the builder puts them in registration order.
  for (const complaint of [...complaints].reverse()) await builder.add(complaint);
  return builder.finish(marchViolations(complaints));
}

describe('MonthlyComplaintsBuilder (§18)', () => {
  it('counts the month’s complaints filed through the portal forum', async () => {
    // Act
    const { content, inputs } = await build();
    // Assert
    expect(content.totalComplaints).toBe(6);
    expect(await toArray(inputs.complaintIds)).toHaveLength(6);
    expect(inputs.complaintIds.count).toBe(6);
    expect(await toArray(inputs.violationIds)).toEqual((await toArray(content.violations.items)).map((row) => row.complaintId));
    expect(inputs.violationIds.count).toBe(3);
  });

  it('gives each review period in working days (Art. 25) and the median, max and share within the legal period', async () => {
    // Act
    const { content } = await build();
    // Assert
    expect(content.reviewPeriods.summary).toEqual({
      resolved: 4,
      open: 2,
      medianWorkingDays: 2.5,
      maxWorkingDays: 7,
      withinLegalPeriod: 3,
      periodOver: 5,
      shareWithinLegalPeriod: 0.6,
    });
    expect((await toArray(content.reviewPeriods.items)).map((row) => [row.portalNumber, row.legalWorkingDays, row.dueDate, row.resolvedOn ?? null, row.workingDaysTaken, row.status])).toEqual([
      [portalNumberOf(1), 5, '2026-03-10', '2026-03-04', 2, 'in_time'],
      // 9 March is the day off for 8 March (a Sunday): not counted
      [portalNumberOf(2), 5, '2026-03-10', '2026-03-12', 7, 'late'],
      [portalNumberOf(3), 5, '2026-03-11', '2026-03-03', 0, 'in_time'],
      // 15 working days to the quality authority, across Nauryz (21–25 March)
      [portalNumberOf(4), 15, '2026-04-03', null, 13, 'open'],
      [portalNumberOf(5), 5, '2026-03-20', null, 10, 'overdue'],
      // Registered Mon 16 March: 17–20 and 26 March (21–25 off)
      [portalNumberOf(6), 5, '2026-03-26', '2026-03-19', 3, 'in_time'],
    ]);
  });

  it('counts the violations of the legal review periods per kind of body (all four named) and per body', async () => {
    // Act
    const { content } = await build();
    // Assert
    expect(content.violations.total).toBe(3);
    expect(content.violations.byKind).toEqual({ central_body: 1, local_executive_body: 0, public_service_center: 1, service_provider: 1 });
    expect(content.violations.byBody).toEqual([
      { bodyId: BODIES.psc.id, bodyKind: 'public_service_center', violations: 1 },
      { bodyId: BODIES.provider.id, bodyKind: 'service_provider', violations: 1 },
      { bodyId: BODIES.central.id, bodyKind: 'central_body', violations: 1 },
    ].sort((a, b) => a.bodyId.localeCompare(b.bodyId)));
    expect((await toArray(content.violations.items)).map((item) => item.dueAt)).toEqual(['2026-03-02T23:59:59.999+05:00', '2026-03-10T23:59:59.999+05:00', '2026-03-20T23:59:59.999+05:00']);
  });

  it('lists the complaints about the procedure and the standard, and about staff, with the service name and contacts', async () => {
    // Act
    const { content } = await build();
    // Assert
    expect(content.procedureAndStandard).toMatchObject({ count: 4, procedure: 2, standardNoncompliance: 2 });
    expect((await toArray(content.procedureAndStandard.items)).map((row) => row.portalNumber)).toEqual([1, 2, 4, 6].map(portalNumberOf));
    expect((await toArray(content.procedureAndStandard.items))[0]).toMatchObject({ serviceName: 'Выдача справки 1', complainant: complainantOf(1) });
    expect(content.staff.count).toBe(2);
    expect((await toArray(content.staff.items)).map((row) => [row.portalNumber, row.complainant.email])).toEqual([
      [portalNumberOf(3), 'aliya.3@mail.kz'],
      [portalNumberOf(5), 'aliya.5@mail.kz'],
    ]);
  });

  it('gives no median and no share for a month without complaints', async () => {
    // Act
    const { content } = await new MonthlyComplaintsBuilder('2026-02', calendar, new Date(REPORT_NOW), legalDays, memoryScratch()).finish([]);
    // Assert
    expect(content.totalComplaints).toBe(0);
    expect(content.reviewPeriods.summary).toMatchObject({ medianWorkingDays: null, maxWorkingDays: null, shareWithinLegalPeriod: null });
    expect(content.violations.byKind).toEqual({ central_body: 0, local_executive_body: 0, public_service_center: 0, service_provider: 0 });
  });

  it('refuses a complaint registered in another month', async () => {
    // Arrange
    const builder = new MonthlyComplaintsBuilder('2026-04', calendar, new Date(REPORT_NOW), legalDays, memoryScratch());
    // Act / Assert
    await expect(builder.add(marchComplaints()[0]!)).rejects.toThrow(/registered in 2026-03, not 2026-04/);
  });
});
