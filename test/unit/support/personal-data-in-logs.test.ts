import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scanLogs } from '../../support/personal-data-in-logs.ts';

describe('scanLogs', () => {
  let directory: string;
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('finds e-mail addresses, phone numbers and Cyrillic names, and reports the lines without them', () => {
    // Arrange
    directory = mkdtempSync(join(tmpdir(), 'pd-scan-'));
    writeFileSync(
      join(directory, '1.log'),
      [
        '{"level":"INFO","message":"mail sent","messageId":"m-1","purpose":"request"}',
        '{"level":"ERROR","message":"unhandled error","detail":"aliya.serikova@mail.kz"}',
        '',
      ].join('\n'),
    );
    writeFileSync(join(directory, '2.log'), '{"phone":"+77012345678"}\n{"name":"Серікова Әлия"}\n{"count":87012345678901}\n{"requestId":"0af2154a-8909-40ec-891e-b87011234567"}\n');
    // Act
    const scan = scanLogs(directory);
    // Assert
    expect(scan).toMatchObject({ files: 2, lines: 6 });
    expect(scan.findings.map((finding) => finding.kind).sort()).toEqual(['Cyrillic name', 'e-mail address', 'phone number']);
    expect(JSON.stringify(scan.findings)).not.toMatch(/aliya|2345678|Серікова/);
  });

  it('finds nothing in a missing directory', () => {
    directory = join(tmpdir(), 'pd-scan-missing');
    expect(scanLogs(directory)).toEqual({ files: 0, lines: 0, findings: [] });
  });
});
