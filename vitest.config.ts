import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';
import { TEST_LOG_DIR_ENV } from './test/support/personal-data-in-logs.ts';

// One log directory per run: the app project's processes write their log lines there
// (test/support/log-capture-setup.ts), the summary reporter greps them for personal data.
process.env[TEST_LOG_DIR_ENV] ??= join(tmpdir(), `ucc-test-logs-${process.pid}-${Date.now().toString(36)}`);

export default defineConfig({
  test: {
    // The run's log directory goes to the reporter as an option: a test process constructing the
    // reporter (its unit test) never sees, nor deletes, the live run's logs.
    reporters: ['default', ['./test/support/summary-reporter.ts', { logDirectory: process.env[TEST_LOG_DIR_ENV] }]],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Handlers log JSON at INFO/WARN; tests keep the output readable (log content is asserted with spies).
    env: {
      POWERTOOLS_LOG_LEVEL: 'ERROR',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      [TEST_LOG_DIR_ENV]: process.env[TEST_LOG_DIR_ENV],
    },
    // Each project's global setup runs only when the run has tests of that project.
    projects: [
      {
        extends: true,
        test: {
          name: 'app',
          include: ['test/**/*.test.ts'],
          exclude: ['test/infra/**', 'test/browser/**'],
          // One Amazon DynamoDB Local JVM per run, endpoint given to tests via inject('dynamoDbLocalEndpoint').
          globalSetup: ['./test/support/global-setup.ts'],
          // Log lines to the run's log directory, at DEBUG, for the personal-data check.
          setupFiles: ['./test/support/log-capture-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          // Chromium installed where missing, and the console built once per run (vite build).
          globalSetup: ['./test/support/browser-setup.ts'],
          setupFiles: ['./test/support/log-capture-setup.ts'],
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
