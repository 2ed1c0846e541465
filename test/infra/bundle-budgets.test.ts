import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Metafile } from 'esbuild';
import { describe, expect, inject, it } from 'vitest';
import { ROUTES } from '#http/routes.ts';
import { ONE_TIME_TARGETS, SCHEDULES } from '#jobs/schedules.ts';
import { SDK_CLIENTS, bundleBudgetOf } from '#infra/bundle-budgets.ts';
import { BUNDLE_FILE, bundleDirName, lambdaEntries, outputOf } from '#infra/bundle-functions.ts';
import { METAFILE } from '../support/bundle-functions-setup.ts';

/** The bundles the test run built once (test/support/bundle-functions-setup.ts), as deployed. */
const bundlesDir = inject('prebuiltBundlesDir');
const metafile = JSON.parse(readFileSync(join(bundlesDir, METAFILE), 'utf8')) as Metafile;
const functions = lambdaEntries();

describe('bundleBudgetOf (infra/bundle-budgets.ts)', () => {
  it('measures every function of the stateless stack, once', () => {
    // Act
    const names = functions.map((fn) => fn.name);
    // Assert: routes, jobs, one-time targets, the authorizer, the effects and mail-sent functions and method-not-allowed
    expect(new Set(names).size).toBe(ROUTES.length + SCHEDULES.length + ONE_TIME_TARGETS.length + 4);
    expect(names).toContain('mail-sent');
    expect(names).toHaveLength(new Set(names).size);
  });

  it.each(functions)('keeps the $name bundle within its budget', (fn) => {
    // Arrange
    const budget = bundleBudgetOf(fn);
    // Act
    const kib = statSync(join(bundlesDir, bundleDirName(fn.entry), BUNDLE_FILE)).size / 1024;
    // Assert
    expect(kib, `${fn.name}: ${kib.toFixed(1)} KiB, budget ${budget.kib} KiB (${budget.reason})`).toBeLessThanOrEqual(budget.kib);
  });

  it.each(functions)('lets the $name bundle carry exactly the SDK clients of its budget', (fn) => {
    // Arrange
    const inputs = Object.keys(outputOf(metafile, fn.entry)?.inputs ?? {});
    // Act
    const carried = SDK_CLIENTS.filter((client) => inputs.some((path) => path.startsWith(`node_modules/${client}/`) || path.includes(`/node_modules/${client}/`)));
    // Assert
    expect(inputs.length, fn.entry).toBeGreaterThan(0);
    expect(carried, fn.name).toEqual([...bundleBudgetOf(fn).sdkClients].sort());
  });

  it('gives routes that use no documents no S3 client, and no route SES or Scheduler', () => {
    // Act
    const routes = functions.filter((fn) => fn.kind === 'route').map((fn) => ({ fn, clients: bundleBudgetOf(fn).sdkClients }));
    // Assert
    expect(routes.length).toBeGreaterThan(50);
    for (const { fn, clients } of routes) {
      expect(clients.includes('@aws-sdk/client-s3'), fn.name).toBe(fn.documents !== undefined);
      expect(clients.filter((client) => client === '@aws-sdk/client-sesv2' || client === '@aws-sdk/client-scheduler'), fn.name).toEqual([]);
    }
  });
});
