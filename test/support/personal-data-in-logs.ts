import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the app project's test processes write their log lines (set by vitest.config.ts). */
export const TEST_LOG_DIR_ENV = 'UCC_TEST_LOG_DIR';

/**
 * What personal data looks like in a log line: an e-mail address, a Kazakh phone number (+7 or 8
 * and ten digits, as phoneSchema stores it), or a word in Cyrillic (citizens' and officials' names;
 * the code logs ids, routes, statuses and counts only, all in Latin script).
 */
const PERSONAL_DATA: readonly { kind: string; pattern: RegExp }[] = [
  { kind: 'e-mail address', pattern: /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+/u },
  // Not inside a longer run of letters and digits: a request id (a UUID's last group, `b87011234567`) is no phone.
  { kind: 'phone number', pattern: /(?<![\p{L}\p{N}])(\+7|8)\d{10}(?![\p{L}\p{N}])/u },
  { kind: 'Cyrillic name', pattern: /\p{Script=Cyrillic}{2,}/u },
];

export interface LogScan {
  files: number;
  lines: number;
  findings: { kind: string; line: string }[];
}

/** Every line of every log file in `directory`, checked against PERSONAL_DATA. */
export function scanLogs(directory: string): LogScan {
  const scan: LogScan = { files: 0, lines: 0, findings: [] };
  let names: string[];
  try {
    names = readdirSync(directory).filter((name) => name.endsWith('.log'));
  } catch {
    return scan;
  }
  for (const name of names) {
    scan.files += 1;
    for (const line of readFileSync(join(directory, name), 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      scan.lines += 1;
      const found = PERSONAL_DATA.find(({ pattern }) => pattern.test(line));
      // The line is reported with what matched blanked out: the report itself carries no personal data.
      if (found !== undefined) scan.findings.push({ kind: found.kind, line: line.replace(new RegExp(found.pattern, `${found.pattern.flags}g`), '▒▒▒').slice(0, 300) });
    }
  }
  return scan;
}
