import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestModule } from 'vitest/node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import SummaryReporter from '../../support/summary-reporter.ts';

const moduleWith = (states: string[], moduleState = 'passed') =>
  ({
    children: { allTests: () => states.map((state) => ({ result: () => ({ state }) })) },
    state: () => moduleState,
  }) as unknown as TestModule;

const captureStdout = (): string[] => {
  const written: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  vi.spyOn(process, 'uptime').mockReturnValue(312.44);
  return written;
};

describe('SummaryReporter', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });

  it('prints the wall time, then the counts as the last line', () => {
    // Arrange
    const written = captureStdout();
    // Act
    new SummaryReporter().onTestRunEnd([moduleWith(['passed', 'passed', 'failed', 'skipped']), moduleWith([], 'failed')], []);
    // Assert
    const lines = written.join('').trim().split('\n');
    expect(lines).toEqual(['Wall time: 312.4 s (vitest run, before global teardown)', 'Tests: 2 passed, 2 failed, 1 skipped']);
  });

  it('counts each logged line with personal data as a failure, blanks it in the report and removes the log directory', () => {
    // Arrange
    const directory = mkdtempSync(join(tmpdir(), 'ucc-reporter-'));
    writeFileSync(join(directory, 'a.log'), '{"message":"appeal accepted","id":"A1"}\n{"message":"from","email":"someone@example.kz"}\n');
    const written = captureStdout();
    // Act
    new SummaryReporter({ logDirectory: directory }).onTestRunEnd([moduleWith(['passed'])], []);
    // Assert
    const output = written.join('');
    expect(output).toContain('Personal data in logs: 1 of 2 lines logged by 1 test processes');
    expect(output).not.toContain('someone@example.kz');
    expect(output.trim().split('\n').at(-1)).toBe('Tests: 1 passed, 1 failed');
    expect(process.exitCode).toBe(1);
    expect(existsSync(directory)).toBe(false);
  });
});
