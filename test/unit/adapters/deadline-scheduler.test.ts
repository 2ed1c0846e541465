import { describe, expect, it } from 'vitest';
import { atExpression, scheduleInput, scheduleNameOf } from '#adapters/deadline-scheduler.ts';

describe('EventBridge Scheduler input for a deadline', () => {
  it('names schedules deterministically within the 64-character limit', () => {
    const name = scheduleNameOf('acc-0123456789abcdef0123456789abcdef:appointResponsible:1');
    expect(name).toMatch(/^dl-[0-9a-f]{40}$/);
    expect(name).toBe(scheduleNameOf('acc-0123456789abcdef0123456789abcdef:appointResponsible:1'));
    expect(name).not.toBe(scheduleNameOf('acc-0123456789abcdef0123456789abcdef:appointResponsible:2'));
  });

  it('writes at(...) in Almaty wall time, rounding up to the second', () => {
    expect(atExpression('2026-03-26T19:00:00.000Z')).toBe('at(2026-03-27T00:00:00)');
    expect(atExpression('2026-03-26T18:59:59.999Z')).toBe('at(2026-03-27T00:00:00)');
    expect(atExpression('2026-12-31T19:30:00.000Z')).toBe('at(2027-01-01T00:30:00)');
  });

  it('builds a one-time, self-deleting schedule with a DLQ', () => {
    process.env.TABLE_NAME = 'unit';
    process.env.SCHEDULER_TARGET_ARN = 'arn:aws:lambda:eu-central-1:123456789012:function:fire-deadline';
    process.env.SCHEDULER_ROLE_ARN = 'arn:aws:iam::123456789012:role/scheduler';
    process.env.SCHEDULER_DLQ_ARN = 'arn:aws:sqs:eu-central-1:123456789012:dlq';
    const input = scheduleInput('d-1', '2026-03-20T04:00:00.000Z');
    expect(input).toMatchObject({
      Name: scheduleNameOf('d-1'),
      GroupName: 'ucc-interop',
      ScheduleExpression: 'at(2026-03-20T09:00:00)',
      ScheduleExpressionTimezone: 'Asia/Almaty',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: process.env.SCHEDULER_TARGET_ARN,
        RoleArn: process.env.SCHEDULER_ROLE_ARN,
        DeadLetterConfig: { Arn: process.env.SCHEDULER_DLQ_ARN },
      },
    });
    expect(JSON.parse(input.Target?.Input ?? '{}')).toEqual({ job: 'fire-deadline', deadlineId: 'd-1' });
  });
});
