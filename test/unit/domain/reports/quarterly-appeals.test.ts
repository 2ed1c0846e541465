import { describe, expect, it } from 'vitest';
import { emptyAppealCounts, type AppealCountReader, type Quarter } from '#domain/appeals/appeal-counts.ts';
import { buildQuarterlyAppeals, lastDayOfQuarter } from '#domain/reports/quarterly-appeals.ts';
import { QUARTER, QUARTER_COUNTS } from '../../../support/report-month.ts';

/** The counters in memory (the port the appeals feature implements). */
const reader = (reads: Quarter[] = []): AppealCountReader => ({
  readQuarter: async (quarter) => {
    reads.push(quarter);
    return QUARTER_COUNTS.find((counts) => counts.quarter === quarter) ?? emptyAppealCounts(quarter);
  },
});

describe('buildQuarterlyAppeals (§13–§14)', () => {
  it('reads the quarter, the one before and the same quarter a year earlier, and nothing else', async () => {
    // Arrange
    const reads: Quarter[] = [];
    // Act
    const { content, inputs } = await buildQuarterlyAppeals(QUARTER, reader(reads));
    // Assert
    expect(reads.sort()).toEqual(['2025-Q1', '2025-Q4', '2026-Q1']);
    expect(inputs.quarters).toEqual(['2026-Q1', '2025-Q4', '2025-Q1']);
    expect(content.quarters).toEqual({ current: '2026-Q1', previousQuarter: '2025-Q4', yearBefore: '2025-Q1' });
    expect(content.total).toEqual({ current: 120, previousQuarter: 100, yearBefore: 80 });
  });

  it('sets every value of each dimension beside the other two quarters, zero where it was not counted', async () => {
    // Act
    const { content } = await buildQuarterlyAppeals(QUARTER, reader());
    // Assert
    expect(content.by.service).toEqual([
      { key: '00301001', current: 70, previousQuarter: 60, yearBefore: 0 },
      { key: '00301002', current: 50, previousQuarter: 0, yearBefore: 80 },
      { key: '00301003', current: 0, previousQuarter: 40, yearBefore: 0 },
    ]);
    expect(content.by.channel).toEqual([
      { key: 'phone', current: 100, previousQuarter: 90, yearBefore: 80 },
      { key: 'chat', current: 20, previousQuarter: 0, yearBefore: 0 },
      { key: 'email', current: 0, previousQuarter: 10, yearBefore: 0 },
    ]);
    expect(content.by.topic).toEqual([
      { key: 'consultation', current: 90, previousQuarter: 100, yearBefore: 0 },
      { key: 'complaint', current: 30, previousQuarter: 0, yearBefore: 80 },
    ]);
    expect(content.by.region.map((row) => row.key)).toEqual(['Astana', 'Almaty']);
    expect(content.by.outcome).toEqual([
      { key: 'answered', current: 110, previousQuarter: 100, yearBefore: 0 },
      { key: 'redirected', current: 10, previousQuarter: 0, yearBefore: 80 },
    ]);
    expect(content.by.body).toEqual([
      { key: '010000000607', current: 120, previousQuarter: 100, yearBefore: 0 },
      { key: '030000000421', current: 0, previousQuarter: 0, yearBefore: 80 },
    ]);
  });

  it('reports zeros for a quarter nothing was counted in', async () => {
    // Act
    const { content } = await buildQuarterlyAppeals('2024-Q2', reader());
    // Assert
    expect(content.total).toEqual({ current: 0, previousQuarter: 0, yearBefore: 0 });
    expect(content.by.service).toEqual([]);
  });
});

describe('lastDayOfQuarter', () => {
  it('ends each quarter on its last calendar day, 29 February in a leap year not involved', () => {
    expect(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'].map((q) => lastDayOfQuarter(q as Quarter))).toEqual(['2026-03-31', '2026-06-30', '2026-09-30', '2026-12-31']);
  });
});
