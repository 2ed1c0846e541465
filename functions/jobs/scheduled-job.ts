import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { logger } from '#commons/logger.ts';
import type { JobName } from './schedules.ts';

/** What EventBridge Scheduler (and the local runner) passes a job: see schedules.ts. */
export interface JobEvent {
  job: string;
  /** `<aws.scheduler.scheduled-time>` in AWS; the local clock's time locally. */
  scheduledTime?: string;
}

/** A scheduled handler: logs its start and result; errors propagate so the scheduler retries. */
export function scheduledJob<R>(name: JobName, run: (event: JobEvent, context: Context) => Promise<R>) {
  return middy<JobEvent, R>().handler(async (event, context) => {
    logger.appendKeys({ job: name });
    try {
      const result = await run(event, context);
      logger.info('job finished', { result: result as unknown as Record<string, unknown> });
      return result;
    } finally {
      logger.removeKeys(['job']);
    }
  });
}
