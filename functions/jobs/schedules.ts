/**
 * The one schedule table: EventBridge Scheduler recurring schedules in AWS and the local
 * schedule runner are both built from it. `cron` is EventBridge's six-field form
 * (minutes hours day-of-month month day-of-week year) evaluated in SCHEDULE_TIME_ZONE.
 */
export const SCHEDULE_TIME_ZONE = 'Asia/Almaty';

export interface ScheduleDefinition {
  readonly name: string;
  readonly cron: string;
  /** Job module relative to the repository root; it exports `handler`. */
  readonly entry: string;
  readonly description: string;
}

const SCHEDULE_TABLE = [
  {
    name: 'redrive-outbox',
    cron: '*/10 * * * ? *',
    entry: 'functions/jobs/redrive-outbox.ts',
    description: 'Backstop of the effects function: finishes the effects (audit, projections, schedules, e-mail) still pending a minute after their write',
  },
  {
    name: 'acceptance-daily',
    cron: '0 8 * * ? *',
    entry: 'functions/jobs/acceptance-daily.ts',
    description: 'Opens acceptances whose plan date has come (§3-§4); starts consulting whose §9 date has come',
  },
  {
    name: 'deadline-sweep',
    cron: '0 9 * * ? *',
    entry: 'functions/jobs/deadline-sweep.ts',
    description: 'Sends every deadline notice that is due and not yet sent (reminders, breaches, escalations)',
  },
  {
    name: 'monthly-report',
    cron: '0 9 1 * ? *',
    entry: 'functions/jobs/monthly-report.ts',
    description: 'Sends the quality authority the monthly complaints report (§18, due by the 5th) of every month owed since the last delivered, once each',
  },
  {
    name: 'quarterly-report',
    cron: '0 9 1 1,4,7,10 ? *',
    entry: 'functions/jobs/quarterly-report.ts',
    description: 'Sends the informatization authority the quarterly appeals report (§13–§14, due within 10 days) of every quarter owed, once each',
  },
] as const satisfies readonly ScheduleDefinition[];

export const SCHEDULES: readonly ScheduleDefinition[] = SCHEDULE_TABLE;

/**
 * The deadline monitor's wake-up: the one-time target's name (its function's name) and the
 * `job` its schedules send (adapters/deadline-scheduler.ts), spelled here once.
 */
export const FIRE_DEADLINE_JOB = 'fire-deadline';

/** Jobs that one-time schedules invoke (not on a cron): the deadline monitor's wake-up. */
export interface OneTimeTarget {
  readonly name: string;
  readonly entry: string;
  readonly description: string;
}

export const ONE_TIME_TARGETS: readonly OneTimeTarget[] = [
  {
    name: FIRE_DEADLINE_JOB,
    entry: 'functions/jobs/fire-deadline.ts',
    description: "Sends the notices of one deadline that are due now (EventBridge Scheduler at(...) target)",
  },
];

/** A job's name: a recurring schedule's or the one-time target's (scheduledJob takes only these). */
export type JobName = (typeof SCHEDULE_TABLE)[number]['name'] | typeof FIRE_DEADLINE_JOB;

export const scheduleExpression = (schedule: ScheduleDefinition): string => `cron(${schedule.cron})`;
