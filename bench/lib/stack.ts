import type { LocalStack } from '#infra/local/local-stack.ts';

/**
 * One local stack for the whole bench run: handlers read their endpoints once per process, so
 * suites share it (started on first use, stopped by bench/main.ts at the end).
 */
let shared: Promise<LocalStack> | undefined;

export function benchStack(): Promise<LocalStack> {
  shared ??= import('#infra/local/local-stack.ts').then(({ startLocalStack }) =>
    startLocalStack({ dataDir: null, port: 0, dynamoPort: 0, sesPort: 0, scheduleRunner: false }),
  );
  return shared;
}

export async function stopBenchStack(): Promise<void> {
  if (shared !== undefined) await (await shared).stop();
  shared = undefined;
}
