import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Handlers log JSON at INFO/WARN; tests keep the output readable (log content is asserted with spies).
    env: { POWERTOOLS_LOG_LEVEL: 'ERROR', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    // Each project's global setup runs only when the run has tests of that project.
    projects: [
      {
        extends: true,
        test: {
          name: 'app',
          include: ['test/**/*.test.ts'],
          exclude: ['test/infra/**'],
          // One Amazon DynamoDB Local JVM per run, endpoint given to tests via inject('dynamoDbLocalEndpoint').
          globalSetup: ['./test/support/global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'infra',
          include: ['test/infra/**/*.test.ts'],
          // Every function bundled once per run, given to tests via inject('prebuiltBundlesDir').
          globalSetup: ['./test/support/bundle-functions-setup.ts'],
        },
      },
    ],
  },
});
