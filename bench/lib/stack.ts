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

/**
 * A DocumentClient configured like functions/adapters/dynamo.ts, as a separate instance (its
 * calls are not counted and it has its own sockets): the raw baseline the suites compare with.
 */
export async function rawDocumentClient(stack: LocalStack) {
  const endpoint = new URL(stack.dynamoEndpoint);
  if (endpoint.hostname !== '127.0.0.1') throw new Error(`Refusing to load ${endpoint.hostname}`);
  const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
  const { DynamoDBDocumentClient } = await import('@aws-sdk/lib-dynamodb');
  return DynamoDBDocumentClient.from(
    new DynamoDBClient({
      region: process.env.AWS_REGION ?? 'us-east-1',
      endpoint: stack.dynamoEndpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
    { marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false } },
  );
}
