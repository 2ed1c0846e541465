import { createHash } from 'node:crypto';
import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
  type CreateScheduleCommandInput,
} from '@aws-sdk/client-scheduler';
import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { getConfig } from '#commons/config.ts';
import type { DeadlineScheduler } from '#domain/deadlines/deadline-port.ts';
import { FIRE_DEADLINE_JOB } from '#jobs/schedules.ts';
import { dynamo, isConditionFailure, tableName } from './dynamo.ts';
import { dueUpTo, scheduleDueKeys, scheduleDuePartition, scheduleKey } from './table-keys.ts';

/**
 * One-time schedules that wake the deadline monitor (`fire-deadline`) at a deadline's next
 * notice. In AWS: EventBridge Scheduler `at(...)` in Asia/Almaty, named deterministically from
 * the deadline, deleted after completion, failures to a DLQ. In the local stack: rows in the
 * table (in the `due` index: scheduleDueKeys in table-keys.ts) that the local schedule runner fires.
 */
export const ONE_TIME_TIME_ZONE = 'Asia/Almaty';

/** Scheduler names allow 64 characters of [0-9a-zA-Z-_.]: a hash keeps them short and stable. */
export const scheduleNameOf = (deadlineId: string): string =>
  `dl-${createHash('sha256').update(deadlineId).digest('hex').slice(0, 40)}`;

/** `at(yyyy-mm-ddThh:mm:ss)` in Asia/Almaty (UTC+5) for an instant, rounded up to the second. */
export function atExpression(instant: string): string {
  const local = new Date(Math.ceil(Date.parse(instant) / 1000) * 1000 + 5 * 3_600_000).toISOString().slice(0, 19);
  return `at(${local})`;
}

let client: SchedulerClient | undefined;
const scheduler = (): SchedulerClient => {
  if (client === undefined) {
    const config = getConfig();
    client = new SchedulerClient({
      region: config.AWS_REGION,
      ...(config.SCHEDULER_ENDPOINT === undefined
        ? {}
        : { endpoint: config.SCHEDULER_ENDPOINT, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
    });
  }
  return client;
};

export function scheduleInput(deadlineId: string, at: string): CreateScheduleCommandInput {
  const config = getConfig();
  if (!config.SCHEDULER_TARGET_ARN || !config.SCHEDULER_ROLE_ARN) {
    throw new Error('SCHEDULER_TARGET_ARN and SCHEDULER_ROLE_ARN must be set to create deadline schedules');
  }
  return {
    Name: scheduleNameOf(deadlineId),
    GroupName: config.SCHEDULE_GROUP,
    ScheduleExpression: atExpression(at),
    ScheduleExpressionTimezone: ONE_TIME_TIME_ZONE,
    FlexibleTimeWindow: { Mode: 'OFF' },
    ActionAfterCompletion: 'DELETE',
    Target: {
      Arn: config.SCHEDULER_TARGET_ARN,
      RoleArn: config.SCHEDULER_ROLE_ARN,
      Input: JSON.stringify({ job: FIRE_DEADLINE_JOB, deadlineId }),
      RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 6 * 3600 },
      ...(config.SCHEDULER_DLQ_ARN === undefined ? {} : { DeadLetterConfig: { Arn: config.SCHEDULER_DLQ_ARN } }),
    },
  };
}

export const eventBridgeDeadlineScheduler: DeadlineScheduler = {
  async schedule(deadlineId, at) {
    const input = scheduleInput(deadlineId, at);
    try {
      await scheduler().send(new CreateScheduleCommand(input));
    } catch (error) {
      if (!(error instanceof ConflictException)) throw error;
      await scheduler().send(new UpdateScheduleCommand(input)); // it exists: move it
    }
  },
  async cancel(deadlineId) {
    try {
      await scheduler().send(new DeleteScheduleCommand({ Name: scheduleNameOf(deadlineId), GroupName: getConfig().SCHEDULE_GROUP }));
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error; // already fired and deleted
    }
  },
};

const localKey = (deadlineId: string) => scheduleKey(scheduleNameOf(deadlineId));

export const tableDeadlineScheduler: DeadlineScheduler = {
  async schedule(deadlineId, at) {
    await dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...localKey(deadlineId),
          entity: 'OneTimeSchedule',
          name: scheduleNameOf(deadlineId),
          expression: atExpression(at),
          at,
          input: { job: FIRE_DEADLINE_JOB, deadlineId },
          ...scheduleDueKeys(scheduleNameOf(deadlineId), at),
        },
      }),
    );
  },
  async cancel(deadlineId) {
    await dynamo().send(new DeleteCommand({ TableName: tableName(), Key: localKey(deadlineId) }));
  },
};

export interface LocalSchedule {
  name: string;
  at: string;
  input: { job: string; deadlineId: string };
}

/** The local runner's half: schedules due at `now`, and deletion after firing (ActionAfterCompletion). */
export async function dueLocalSchedules(now: string): Promise<LocalSchedule[]> {
  const page = await dynamo().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'due',
      KeyConditionExpression: 'duePk = :pk AND dueSk <= :now',
      ExpressionAttributeValues: { ':pk': scheduleDuePartition(), ':now': dueUpTo(now) },
      Limit: 100,
    }),
  );
  return (page.Items ?? []) as LocalSchedule[];
}

export async function deleteLocalSchedule(schedule: LocalSchedule, firedAt: string): Promise<void> {
  // Only if not moved meanwhile: a moved schedule has a new `at` and must still fire.
  await dynamo()
    .send(
      new DeleteCommand({
        TableName: tableName(),
        Key: scheduleKey(schedule.name),
        ConditionExpression: '#at = :at',
        ExpressionAttributeNames: { '#at': 'at' },
        ExpressionAttributeValues: { ':at': schedule.at },
      }),
    )
    .catch((error: unknown) => {
      if (!isConditionFailure(error)) throw error;
    });
  void firedAt;
}

/** The scheduler this process uses: the table in the local stack, EventBridge Scheduler in AWS. */
export const deadlineScheduler = (): DeadlineScheduler =>
  getConfig().LOCAL_STACK === 'true' ? tableDeadlineScheduler : eventBridgeDeadlineScheduler;
