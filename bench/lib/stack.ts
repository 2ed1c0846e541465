import type { LocalStack } from '#infra/local/local-stack.ts';

/**
 * One local stack for the whole bench run: handlers read their endpoints once per process, so
 * suites share it (started on first use, stopped by bench/main.ts at the end). The store is
 * dynalite in this process (`npm start`'s default) unless BENCH_STORE=dynamodb-local: then the
 * reference store, Amazon DynamoDB Local, in its own JVM (as DynamoDB is its own service).
 */
export type BenchStore = 'dynalite' | 'dynamodb-local';
export const benchStore = (): BenchStore => (process.env.BENCH_STORE === 'dynamodb-local' ? 'dynamodb-local' : 'dynalite');

let shared: Promise<LocalStack> | undefined;
let stopStore: (() => Promise<void>) | undefined;

export function benchStack(): Promise<LocalStack> {
  shared ??= (async () => {
    const { startLocalStack } = await import('#infra/local/local-stack.ts');
    const base = { dataDir: null, port: 0, dynamoPort: 0, sesPort: 0, s3Port: 0, scheduleRunner: false } as const;
    if (benchStore() === 'dynalite') return startLocalStack(base);
    const { startDynamoDbLocal } = await import('#infra/local/dynamodb-local.ts');
    const store = await startDynamoDbLocal({ port: 0, dataDir: null });
    stopStore = () => store.stop();
    return startLocalStack({ ...base, dynamoEndpoint: store.endpoint });
  })();
  return shared;
}

export async function stopBenchStack(): Promise<void> {
  if (shared !== undefined) await (await shared).stop();
  shared = undefined;
  await stopStore?.();
  stopStore = undefined;
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
