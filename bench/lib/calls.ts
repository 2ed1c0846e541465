import { AUTHORIZER_ENTRY } from '#http/routes.ts';
/**
 * Counts AWS SDK calls made in this process, for the "calls per command" tables:
 * - DynamoDB: a middleware on the shared DocumentClient (`dynamo()`, which every handler, the
 *   effects function and the local feeder use);
 * - SES and EventBridge Scheduler: a wrapper around `send` of their client classes (the
 *   adapters keep their client instances private; every instance shares the prototype).
 * Each call is attributed by the stack it was made from (V8 keeps async frames): the effects
 * function (functions/effects/), the local feeder (infra/local/effects-feeder.ts: listing and
 * reading pending items, which the stream does in AWS), settle()'s polling, the authorizer, or
 * the request itself. Capturing stacks is slow: only switch the counter on for counted runs.
 */
import { isScheduleKey } from '#adapters/table-keys.ts';

export type CallSource = 'request' | 'authorizer' | 'effects' | 'feeder' | 'settle';

export interface CallCounts {
  /** source → operation (GetItem, PutItem, SES:SendEmail, Scheduler:CreateSchedule, …) → calls */
  bySource: Record<CallSource, Record<string, number>>;
  /** DynamoDB writes of one-time schedule rows (the local stack's scheduler is a table) by source. */
  scheduleRows: Record<CallSource, number>;
}

const COUNTER_NAME = 'benchCallCounter';
const sources: readonly CallSource[] = ['request', 'authorizer', 'effects', 'feeder', 'settle'];
export const emptyCounts = (): CallCounts => ({
  bySource: Object.fromEntries(sources.map((source) => [source, {}])) as CallCounts['bySource'],
  scheduleRows: Object.fromEntries(sources.map((source) => [source, 0])) as CallCounts['scheduleRows'],
});

function sourceOf(stack: string): CallSource {
  if (stack.includes('/functions/effects/')) return 'effects';
  if (stack.includes('/infra/local/effects-feeder.ts')) return 'feeder';
  if (stack.includes('/infra/local/local-stack.ts')) return 'settle';
  if (stack.includes(`/${AUTHORIZER_ENTRY}`)) return 'authorizer';
  return 'request';
}

const operationOf = (commandName: string): string => commandName.replace(/Command$/, '');

const touchesSchedule = (input: Record<string, unknown> | undefined): boolean => {
  const pk = (input?.Item as { pk?: unknown } | undefined)?.pk ?? (input?.Key as { pk?: unknown } | undefined)?.pk;
  return isScheduleKey(pk);
};

type Sendable = { prototype: { send: (...args: unknown[]) => unknown } };

export interface CallCounter {
  /** Starts counting (from zero). */
  start(): void;
  /** Stops counting and returns what was counted since start(). */
  stop(): CallCounts;
  /** Removes the middleware and the wrappers. */
  dispose(): void;
}

export async function installCallCounter(): Promise<CallCounter> {
  const { dynamo } = await import('#adapters/dynamo.ts');
  const { SESv2Client } = await import('@aws-sdk/client-sesv2');
  const { SchedulerClient } = await import('@aws-sdk/client-scheduler');
  let counting = false;
  let counts = emptyCounts();
  const stackLimit = Error.stackTraceLimit;

  const record = (operation: string, scheduleRow: boolean) => {
    if (!counting) return;
    const source = sourceOf(new Error().stack ?? '');
    const bucket = counts.bySource[source];
    bucket[operation] = (bucket[operation] ?? 0) + 1;
    if (scheduleRow) counts.scheduleRows[source] += 1;
  };

  const shared = dynamo();
  shared.middlewareStack.add(
    (next, context) => async (args) => {
      record(operationOf(context.commandName ?? 'unknown'), touchesSchedule(args.input as Record<string, unknown>));
      return next(args);
    },
    { step: 'initialize', name: COUNTER_NAME },
  );

  const wrapped: { target: Sendable; own: boolean; original: (...args: unknown[]) => unknown }[] = [];
  for (const [prefix, target] of [['SES', SESv2Client], ['Scheduler', SchedulerClient]] as [string, Sendable][]) {
    const original = target.prototype.send;
    wrapped.push({ target, own: Object.hasOwn(target.prototype, 'send'), original });
    target.prototype.send = function (this: unknown, ...args: unknown[]) {
      const command = args[0] as { constructor?: { name?: string } } | undefined;
      record(`${prefix}:${operationOf(command?.constructor?.name ?? 'unknown')}`, false);
      return original.apply(this, args);
    };
  }

  return {
    start() {
      counts = emptyCounts();
      Error.stackTraceLimit = 80;
      counting = true;
    },
    stop() {
      counting = false;
      Error.stackTraceLimit = stackLimit;
      return counts;
    },
    dispose() {
      counting = false;
      Error.stackTraceLimit = stackLimit;
      shared.middlewareStack.remove(COUNTER_NAME);
      for (const { target, own, original } of wrapped) {
        if (own) target.prototype.send = original;
        else delete (target.prototype as { send?: unknown }).send;
      }
    },
  };
}

/** Sum of calls of one source, split into DynamoDB, SES and Scheduler. */
export function totalsOf(counts: CallCounts, source: CallSource) {
  let dynamodb = 0;
  let ses = 0;
  let scheduler = 0;
  for (const [operation, calls] of Object.entries(counts.bySource[source])) {
    if (operation.startsWith('SES:')) ses += calls;
    else if (operation.startsWith('Scheduler:')) scheduler += calls;
    else dynamodb += calls;
  }
  return { dynamodb, ses, scheduler, scheduleRows: counts.scheduleRows[source] };
}
