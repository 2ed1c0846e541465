import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints the run's wall time, then one plain closing line, `Tests: N passed, N failed` (plus
 * skipped), that any CI can read whatever it knows of vitest's own summary: it stays the last line.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failed += 1;
        else skipped += 1;
      }
      // A file that failed outside its tests (a hook, an import) counts as one failure.
      const testFailed = [...module.children.allTests()].some((test) => test.result().state === 'failed');
      if (module.state() === 'failed' && !testFailed) failed += 1;
    }
    failed += unhandledErrors.length;
    // Since this vitest process started: global setups (DynamoDB Local, the bundles) and every test.
    process.stdout.write(`\nWall time: ${process.uptime().toFixed(1)} s (vitest run, before global teardown)\n`);
    process.stdout.write(`Tests: ${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}\n`);
  }
}
