import { rmSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';
import { scanLogs } from './personal-data-in-logs.ts';

/**
 * Prints the run's wall time, then one plain closing line, `Tests: N passed, N failed` (plus
 * skipped), that any CI can read whatever it knows of vitest's own summary: it stays the last line.
 */
export default class SummaryReporter implements Reporter {
  /** `logDirectory`: the run's log directory (vitest.config.ts); none, no personal-data check. */
  constructor(private readonly options: { logDirectory?: string } = {}) {}

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
    failed += this.personalDataInLogs();
    // Since this vitest process started: global setups (DynamoDB Local, the bundles) and every test.
    process.stdout.write(`\nWall time: ${process.uptime().toFixed(1)} s (vitest run, before global teardown)\n`);
    process.stdout.write(`Tests: ${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}\n`);
    if (failed > 0) process.exitCode = 1;
  }

  /**
   * Issue 14 §4 (personal data never logged): greps every line the app project's handlers,
   * effects and jobs logged in this run; each line with personal data counts as a failure.
   */
  private personalDataInLogs(): number {
    const directory = this.options.logDirectory;
    if (directory === undefined) return 0;
    const scan = scanLogs(directory);
    rmSync(directory, { recursive: true, force: true });
    if (scan.files === 0) return 0;
    process.stdout.write(`\nPersonal data in logs: ${scan.findings.length} of ${scan.lines} lines logged by ${scan.files} test processes\n`);
    for (const finding of scan.findings.slice(0, 20)) process.stdout.write(`  ${finding.kind}: ${finding.line}\n`);
    return scan.findings.length;
  }
}
