import { describe, expect, it } from 'vitest';
import { parseCron, wallClock } from '#infra/local/cron.ts';
import { SCHEDULES, SCHEDULE_TIME_ZONE } from '#jobs/schedules.ts';

const at = (text: string, weekday: number) => {
  const [date, time] = text.split(' ') as [string, string];
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return { year, month, day, hour, minute, weekday };
};

describe('parseCron', () => {
  it('matches a daily 09:00 schedule only at 09:00', () => {
    const cron = parseCron('0 9 * * ? *');
    expect(cron.matches(at('2026-03-24 09:00', 3))).toBe(true);
    expect(cron.matches(at('2026-03-24 09:01', 3))).toBe(false);
    expect(cron.matches(at('2026-03-24 10:00', 3))).toBe(false);
  });

  it('reads steps, ranges, lists and names', () => {
    expect(parseCron('*/10 * * * ? *').matches(at('2026-01-01 00:20', 5))).toBe(true);
    expect(parseCron('*/10 * * * ? *').matches(at('2026-01-01 00:25', 5))).toBe(false);
    const weekdays = parseCron('30 8 ? * MON-FRI *');
    expect(weekdays.matches(at('2026-11-27 08:30', 6))).toBe(true); // Friday
    expect(weekdays.matches(at('2026-11-28 08:30', 7))).toBe(false); // Saturday
    expect(parseCron('0 6 1 1,4,7,10 ? *').matches(at('2026-07-01 06:00', 4))).toBe(true);
    expect(parseCron('0 6 1 JAN,APR ? *').matches(at('2026-07-01 06:00', 4))).toBe(false);
  });

  it('understands L as the last day of the month, leap years included', () => {
    const cron = parseCron('0 0 L * ? *');
    expect(cron.matches(at('2028-02-29 00:00', 3))).toBe(true);
    expect(cron.matches(at('2027-02-28 00:00', 1))).toBe(true);
    expect(cron.matches(at('2028-02-28 00:00', 2))).toBe(false);
  });

  it('rejects malformed expressions with a reason', () => {
    expect(() => parseCron('0 9 * * *')).toThrow(/6 fields/);
    expect(() => parseCron('0 9 * * MON *')).toThrow(/exactly one/);
    expect(() => parseCron('61 9 * * ? *')).toThrow(/minutes/);
    expect(() => parseCron('0 9 ? * MON#2 *')).toThrow(/not supported/);
  });

  it('runs the report jobs on the 1st at 09:00 Almaty: monthly every month, quarterly in January, April, July and October only (§18, §14)', () => {
    const cronOf = (name: string) => parseCron(SCHEDULES.find((schedule) => schedule.name === name)!.cron);
    expect(cronOf('monthly-report').matches(wallClock(new Date('2026-05-01T04:00:00Z'), SCHEDULE_TIME_ZONE))).toBe(true);
    expect(cronOf('monthly-report').matches(wallClock(new Date('2026-05-02T04:00:00Z'), SCHEDULE_TIME_ZONE))).toBe(false);
    expect(cronOf('quarterly-report').matches(wallClock(new Date('2026-04-01T04:00:00Z'), SCHEDULE_TIME_ZONE))).toBe(true);
    expect(cronOf('quarterly-report').matches(wallClock(new Date('2026-05-01T04:00:00Z'), SCHEDULE_TIME_ZONE))).toBe(false);
  });

  it('parses every schedule in the schedule table', () => {
    for (const schedule of SCHEDULES) expect(() => parseCron(schedule.cron), schedule.name).not.toThrow();
  });
});

describe('wallClock', () => {
  it('reads the time in Asia/Almaty (UTC+5), crossing midnight', () => {
    expect(wallClock(new Date('2026-03-20T19:30:00Z'), SCHEDULE_TIME_ZONE)).toEqual({
      year: 2026,
      month: 3,
      day: 21,
      hour: 0,
      minute: 30,
      weekday: 7, // Saturday
    });
  });
});
