import type { TestModule } from 'vitest/node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import SummaryReporter from '../../support/summary-reporter.ts';

const moduleWith = (states: string[], moduleState = 'passed') =>
  ({
    children: { allTests: () => states.map((state) => ({ result: () => ({ state }) })) },
    state: () => moduleState,
  }) as unknown as TestModule;

describe('SummaryReporter', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('prints the wall time, then the counts as the last line', () => {
    // Arrange
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    vi.spyOn(process, 'uptime').mockReturnValue(312.44);
    // Act
    new SummaryReporter().onTestRunEnd([moduleWith(['passed', 'passed', 'failed', 'skipped']), moduleWith([], 'failed')], []);
    // Assert
    const lines = written.join('').trim().split('\n');
    expect(lines).toEqual(['Wall time: 312.4 s (vitest run, before global teardown)', 'Tests: 2 passed, 2 failed, 1 skipped']);
  });
});
