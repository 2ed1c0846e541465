import { writeSync } from 'node:fs';
import { CRASH_POINTS, setCrashHook, type CrashPoint } from '#commons/crash-point.ts';

/**
 * `LOCAL_CRASH_AT=<point>@<n>` (npm start only): the n-th time the effects function reaches
 * that named moment (functions/commons/crash-point.ts), the stack SIGKILLs its own process
 * group, as a power cut would: nothing gets to clean up. The reliability suite picks the point
 * and n from its seed (issue 17 §3). The line it writes first names the point and the count
 * only, no data.
 */
export interface CrashAt {
  point: CrashPoint;
  occurrence: number;
}

/** Parses `<point>@<n>` (n ≥ 1; `<point>` alone is `@1`); undefined for an empty value. */
export function parseCrashAt(value: string | undefined): CrashAt | undefined {
  if (value === undefined || value === '') return undefined;
  const [point, occurrence = '1'] = value.split('@');
  if (!CRASH_POINTS.includes(point as CrashPoint)) throw new Error(`LOCAL_CRASH_AT: unknown crash point (one of ${CRASH_POINTS.join(', ')})`);
  const n = Number(occurrence);
  if (!Number.isInteger(n) || n < 1) throw new Error('LOCAL_CRASH_AT: the occurrence after @ is a whole number from 1');
  return { point: point as CrashPoint, occurrence: n };
}

/** Arms the hook: counts the point's occurrences and kills the process group at the chosen one. */
export function armCrashPoint(at: CrashAt): void {
  let reached = 0;
  setCrashHook((point) => {
    if (point !== at.point || ++reached !== at.occurrence) return;
    // Synchronous write: the line is out before the signal (a pipe's buffer would die with us).
    writeSync(2, `crash point ${at.point}@${at.occurrence} reached: SIGKILL to the process group\n`);
    process.kill(0, 'SIGKILL');
  });
}
