import { describe, expect, it } from 'vitest';
import { almatyDay, almatyMonth, previousPeriod, startOfTomorrowAlmaty } from '../../../console/src/periods.ts';

describe('console periods (Almaty clock, UTC+5)', () => {
  it('takes the day from Almaty, not UTC: 23:30 and 00:10 Almaty either side of UTC midnight', () => {
    // Act / Assert
    expect(almatyDay(new Date('2026-03-31T23:30:00+05:00'))).toBe('2026-03-31');
    expect(almatyDay(new Date('2026-03-31T19:10:00Z'))).toBe('2026-04-01'); // 00:10 on 1 April in Almaty
  });

  it('bounds "due today" by the start of tomorrow, so a deadline due at 23:59:59.999 +05:00 is in', () => {
    // Act
    const bound = startOfTomorrowAlmaty(new Date('2026-04-01T12:00:00+05:00'));
    // Assert
    expect(bound).toBe('2026-04-01T19:00:00.000Z');
    expect(Date.parse('2026-04-01T23:59:59.999+05:00')).toBeLessThan(Date.parse(bound));
    expect(Date.parse('2026-04-02T00:00:00+05:00')).toBe(Date.parse(bound));
    // The last day of the year rolls into the next.
    expect(startOfTomorrowAlmaty(new Date('2026-12-31T23:59:00+05:00'))).toBe('2026-12-31T19:00:00.000Z');
  });

  it('names the month of the §12 escalations by the Almaty calendar', () => {
    expect(almatyMonth(new Date('2026-04-30T20:00:00Z'))).toBe('2026-05'); // 1 May, 01:00 in Almaty
  });

  it('offers the last finished month (§18) and quarter (§13–§14), across the year boundary', () => {
    // Act / Assert
    expect(previousPeriod('monthly-complaints', new Date('2026-04-03T10:00:00+05:00'))).toBe('2026-03');
    expect(previousPeriod('monthly-complaints', new Date('2027-01-02T10:00:00+05:00'))).toBe('2026-12');
    expect(previousPeriod('quarterly-appeals', new Date('2026-04-01T00:30:00+05:00'))).toBe('2026-Q1');
    expect(previousPeriod('quarterly-appeals', new Date('2026-12-31T23:00:00+05:00'))).toBe('2026-Q3');
    expect(previousPeriod('quarterly-appeals', new Date('2026-12-31T19:30:00Z'))).toBe('2026-Q4'); // 1 January 2027 in Almaty
    expect(previousPeriod('quarterly-appeals', new Date('2027-02-15T10:00:00+05:00'))).toBe('2026-Q4');
  });
});
