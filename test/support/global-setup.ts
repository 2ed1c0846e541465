import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '#infra/local/dynamodb-local.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Endpoint (http://127.0.0.1:PORT) of the Amazon DynamoDB Local JVM shared by the whole test run. */
    dynamoDbLocalEndpoint: string;
  }
}

/**
 * Vitest globalSetup: runs once per `vitest run` in the main process (not in the test forks),
 * starts one in-memory Amazon DynamoDB Local JVM and provides its endpoint to the tests
 * (`inject('dynamoDbLocalEndpoint')`). The returned teardown stops the JVM.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The readiness probe creates an SDK client in this (main) process, which test.env does not reach.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const dynamoDbLocal = await startDynamoDbLocal({ port: 0, dataDir: null });
  project.provide('dynamoDbLocalEndpoint', dynamoDbLocal.endpoint);
  return async () => {
    await dynamoDbLocal.stop();
  };
}
