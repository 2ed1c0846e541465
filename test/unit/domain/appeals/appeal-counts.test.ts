import { describe, expect, it } from 'vitest';
import { previousQuarter, quarterOf, sameQuarterYearBefore } from '#domain/appeals/appeal-counts.ts';

describe('quarterOf', () => {
  it('takes the quarter on the Asia/Almaty calendar: 31 March 19:00 UTC is already 1 April there', () => {
    expect(quarterOf(new Date('2026-03-31T18:59:59.999Z'))).toBe('2026-Q1');
    expect(quarterOf(new Date('2026-03-31T19:00:00Z'))).toBe('2026-Q2');
    expect(quarterOf(new Date('2026-12-31T19:00:00Z'))).toBe('2027-Q1');
  });

  it('takes the offset in force at the instant: UTC+6 before 1 March 2024', () => {
    expect(quarterOf(new Date('2023-03-31T17:59:59Z'))).toBe('2023-Q1');
    expect(quarterOf(new Date('2023-03-31T18:30:00Z'))).toBe('2023-Q2');
  });
});

describe('previousQuarter and sameQuarterYearBefore', () => {
  it('cross the year end', () => {
    expect(previousQuarter('2027-Q1')).toBe('2026-Q4');
    expect(previousQuarter('2026-Q3')).toBe('2026-Q2');
    expect(sameQuarterYearBefore('2026-Q1')).toBe('2025-Q1');
  });
});
