import { appendFileSync, mkdirSync } from 'node:fs';
import { Console } from 'node:console';
import { Writable } from 'node:stream';
import { join } from 'node:path';
import { logger } from '#commons/logger.ts';
import { TEST_LOG_DIR_ENV } from './personal-data-in-logs.ts';

/**
 * Vitest setup file of the app project: every line the handlers, effects and jobs log in this
 * test process goes, at DEBUG (the most the code ever logs), to a file of the run's log
 * directory instead of the terminal. The summary reporter greps the whole run's lines for
 * personal data (test/support/personal-data-in-logs.ts). Tests that read logs themselves
 * (captureLogs) swap the console and put this one back.
 */
const directory = process.env[TEST_LOG_DIR_ENV];
if (directory !== undefined) {
  mkdirSync(directory, { recursive: true });
  const file = join(directory, `${process.pid}.log`);
  const sink = new Writable({
    write(chunk, _encoding, callback) {
      // Synchronous: a fork that exits right after its last test loses no line.
      appendFileSync(file, chunk);
      callback();
    },
  });
  (logger as unknown as { console: Console }).console = new Console({ stdout: sink, stderr: sink });
  logger.setLogLevel('DEBUG');
}
