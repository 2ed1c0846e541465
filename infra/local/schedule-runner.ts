import { logger } from '#commons/logger.ts';
import type { Clock } from '#domain/ports.ts';
import type { ScheduleDefinition } from '#jobs/schedules.ts';
import { parseCron, wallClock, type CronExpression } from './cron.ts';

/**
 * Fires the schedule table's jobs when their cron matches the current minute of the (settable)
 * clock in the schedule time zone — EventBridge Scheduler's part in the local stack. A job still
 * running is not started again; jobs catch up on missed periods themselves.
 */
export interface ScheduleRunner {
  stop(): void;
  /** Checks the current minute once (the timer calls this every second). */
  tick(): Promise<string[]>;
}

export function startScheduleRunner(options: {
  schedules: readonly ScheduleDefinition[];
  timeZone: string;
  clock: Clock;
  runJob: (name: string) => Promise<unknown>;
  /** One-time schedules (EventBridge Scheduler at(...) locally): polled every tick. */
  oneTime?: {
    due: (now: string) => Promise<{ name: string; at: string; input: { job: string } }[]>;
    fire: (schedule: { name: string; at: string; input: { job: string; deadlineId: string } }) => Promise<void>;
  };
  intervalMs?: number;
}): ScheduleRunner {
  const compiled: { schedule: ScheduleDefinition; cron: CronExpression }[] = options.schedules.map((schedule) => ({
    schedule,
    cron: parseCron(schedule.cron),
  }));
  const running = new Set<string>();
  let lastMinute = '';

  const firing = new Set<string>();
  const fireOneTime = async (now: Date): Promise<void> => {
    if (options.oneTime === undefined) return;
    const due = await options.oneTime.due(now.toISOString());
    for (const schedule of due) {
      if (firing.has(schedule.name)) continue;
      firing.add(schedule.name);
      void options.oneTime
        .fire(schedule as Parameters<NonNullable<typeof options.oneTime>['fire']>[0])
        .catch((error: unknown) => logger.error('one-time schedule failed', { schedule: schedule.name, error: error as Error }))
        .finally(() => firing.delete(schedule.name));
    }
  };

  const tick = async (): Promise<string[]> => {
    const now = options.clock.now();
    await fireOneTime(now).catch((error: unknown) => logger.error('one-time schedules unreadable', { error: error as Error }));
    const at = wallClock(now, options.timeZone);
    const minute = `${at.year}-${at.month}-${at.day} ${at.hour}:${at.minute}`;
    if (minute === lastMinute) return [];
    lastMinute = minute;
    const fired: string[] = [];
    for (const { schedule, cron } of compiled) {
      if (!cron.matches(at) || running.has(schedule.name)) continue;
      running.add(schedule.name);
      fired.push(schedule.name);
      void options
        .runJob(schedule.name)
        .catch((error: unknown) => logger.error('scheduled job failed', { job: schedule.name, error: error as Error }))
        .finally(() => running.delete(schedule.name));
    }
    return fired;
  };

  const timer = setInterval(() => void tick(), options.intervalMs ?? 1000);
  timer.unref();
  return { stop: () => clearInterval(timer), tick };
}
