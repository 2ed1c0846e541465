import { addWorkingDays, addCalendarDaysFrom, byDayOfFollowingMonth } from '#domain/calendar/compute-deadline.ts';
import { KZ_SEED } from '#domain/calendar/kz-seed.ts';
import { toAlmatyDate } from '#domain/calendar/local-date.ts';
import { WorkingCalendar } from '#domain/calendar/working-calendar.ts';
import { ratio, round } from '../lib/stats.ts';
import type { Row, Suite } from '../lib/types.ts';

/**
 * Deadline computations per second (pure domain, one core), each against a baseline measured in
 * the same run: converting the event instant to its Asia/Almaty date, the step every
 * computation starts with.
 */
const EVENTS = Array.from({ length: 1000 }, (_, index) =>
  new Date(Date.UTC(2024, 2, 1) + index * 25 * 3_600_000 + index * 61_000).toISOString(),
);
const DURATION_MS = 1500;

function opsPerSecond(operation: (event: string) => unknown): { ops: number; perSecond: number } {
  for (let i = 0; i < 2000; i += 1) operation(EVENTS[i % EVENTS.length] as string); // warm-up
  let ops = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < DURATION_MS) {
    for (let i = 0; i < 200; i += 1) operation(EVENTS[(ops + i) % EVENTS.length] as string);
    ops += 200;
    elapsed = performance.now() - start;
  }
  return { ops, perSecond: (ops / elapsed) * 1000 };
}

export const deadlinesSuite: Suite = {
  name: 'deadlines',
  description: 'deadline computations per second (pure domain) vs converting the instant to its Almaty date',
  async run(): Promise<Row[]> {
    const calendar = new WorkingCalendar(KZ_SEED);
    const cases: [string, (event: string) => unknown][] = [
      ['baseline: toAlmatyDate(instant)', (event) => toAlmatyDate(event)],
      ['addWorkingDays N=2 (§5)', (event) => addWorkingDays(event, 2, calendar)],
      ['addWorkingDays N=5 (§8, §9)', (event) => addWorkingDays(event, 5, calendar)],
      ['addWorkingDays N=20', (event) => addWorkingDays(event, 20, calendar)],
      ['addCalendarDaysFrom N=10 (§14)', (event) => addCalendarDaysFrom(event, 10, calendar, { moveToWorkingDay: true })],
      ['byDayOfFollowingMonth 5 (§18)', (event) => byDayOfFollowingMonth(event.slice(0, 7), 5, calendar, { moveToWorkingDay: true })],
      ['new WorkingCalendar(2024-2027 seed)', () => new WorkingCalendar(KZ_SEED)],
    ];
    const results = cases.map(([name, operation]) => ({ name, ...opsPerSecond(operation) }));
    const baseline = results[0]?.perSecond ?? Number.NaN;
    return results.map((result) => ({
      computation: result.name,
      ops: result.ops,
      'ops/s': round(result.perSecond, 0),
      'µs/op': round(1e6 / result.perSecond, 2),
      'x baseline time': ratio(baseline, result.perSecond),
    }));
  },
};
