import { describe, expect, it } from 'vitest';
import { KZ_SEED } from '#domain/calendar/kz-seed.ts';
import { WorkingCalendar } from '#domain/calendar/working-calendar.ts';
import { dueOf, lastEndedPeriod, parseReportId, periodsOwed, reportIdOf } from '#domain/reports/report.ts';
import { RULEBOOK_2013 } from '#domain/rulebook/seed-rulebooks.ts';

const calendar = new WorkingCalendar(KZ_SEED);

describe('dueOf (§18 by the 5th, §14 within 10 calendar days)', () => {
  it('moves the March report’s 5 April (a Sunday) to Monday 6 April', () => {
    // Act
    const due = dueOf('monthly-complaints', '2026-03', RULEBOOK_2013, calendar);
    // Assert
    expect(due.dueDate).toBe('2026-04-06');
    expect(due.dueAt).toBe('2026-04-06T23:59:59.999+05:00');
    expect(due.derivation.map((step) => step.date)).toEqual(['2026-04-05', '2026-04-06']);
  });

  it('keeps a 5th that is a working day (the January 2026 report: Thursday 5 February)', () => {
    expect(dueOf('monthly-complaints', '2026-01', RULEBOOK_2013, calendar).dueDate).toBe('2026-02-05');
  });

  it('moves the June report’s 5 July (a Sunday, and 6 July is Capital Day) to Tuesday 7 July', () => {
    expect(dueOf('monthly-complaints', '2026-06', RULEBOOK_2013, calendar).dueDate).toBe('2026-07-07');
  });

  it('gives the quarterly report 10 calendar days after the quarter: 2026-Q1 by Friday 10 April', () => {
    expect(dueOf('quarterly-appeals', '2026-Q1', RULEBOOK_2013, calendar).dueDate).toBe('2026-04-10');
  });

  it('moves the 2026-Q2 quarterly report’s 10 July (a Friday) nowhere, and 2025-Q4’s 10 January (a Saturday) to Monday 12 January', () => {
    expect(dueOf('quarterly-appeals', '2026-Q2', RULEBOOK_2013, calendar).dueDate).toBe('2026-07-10');
    expect(dueOf('quarterly-appeals', '2025-Q4', RULEBOOK_2013, calendar).dueDate).toBe('2026-01-12');
  });
});

describe('periodsOwed (catch-up)', () => {
  it('owes the month before on the 1st (Almaty), and the quarter before on 1 January', () => {
    // 1 May 2026 00:30 in Almaty is still 30 April in UTC
    expect(lastEndedPeriod('monthly-complaints', new Date('2026-04-30T19:30:00Z'))).toBe('2026-04');
    expect(lastEndedPeriod('quarterly-appeals', new Date('2027-01-01T09:00:00+05:00'))).toBe('2026-Q4');
  });

  it('owes every period after the last delivered, oldest first, and nothing when it is up to date', () => {
    const now = new Date('2026-05-01T09:00:00+05:00');
    expect(periodsOwed('monthly-complaints', '2026-01', now)).toEqual(['2026-02', '2026-03', '2026-04']);
    expect(periodsOwed('monthly-complaints', '2026-04', now)).toEqual([]);
    expect(periodsOwed('monthly-complaints', undefined, now)).toEqual(['2026-04']);
    expect(periodsOwed('quarterly-appeals', '2025-Q3', now)).toEqual(['2025-Q4', '2026-Q1']);
    expect(periodsOwed('monthly-complaints', '2025-11', now)).toEqual(['2025-12', '2026-01', '2026-02', '2026-03', '2026-04']);
  });
});

describe('reportIdOf / parseReportId', () => {
  it('round-trips type, period and version, and refuses anything else', () => {
    expect(parseReportId(reportIdOf('quarterly-appeals', '2026-Q1', 3))).toEqual({ type: 'quarterly-appeals', period: '2026-Q1', version: 3 });
    expect(parseReportId(reportIdOf('monthly-complaints', '2026-03', 1))).toEqual({ type: 'monthly-complaints', period: '2026-03', version: 1 });
    expect(parseReportId('mc-2026-Q1-v1')).toBeUndefined();
    expect(parseReportId('qa-2026-03-v1')).toBeUndefined();
    expect(parseReportId('mc-2026-13-v1')).toBeUndefined();
    expect(parseReportId('mc-2026-03-v0')).toBeUndefined();
  });
});
