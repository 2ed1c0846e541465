import type { Clock } from '#domain/ports.ts';

/**
 * The system clock. In the local stack only, `POST /local/clock` shifts it so that every handler
 * and job sees the set time (time keeps flowing from there). The offset lives on globalThis so
 * that every module instance in the process shares it.
 */
const OFFSET_KEY = Symbol.for('ucc-interop.clock-offset-ms');

type ClockGlobal = typeof globalThis & { [OFFSET_KEY]?: number };

export const systemClock: Clock = {
  now: () => new Date(Date.now() + ((globalThis as ClockGlobal)[OFFSET_KEY] ?? 0)),
};

/** Local stack only: make `systemClock.now()` read `at` now (null restores the real clock). */
export function setClock(at: Date | null): void {
  (globalThis as ClockGlobal)[OFFSET_KEY] = at === null ? 0 : at.getTime() - Date.now();
}

/** A clock fixed at one instant, for tests and re-computations. */
export const fixedClock = (at: Date): Clock => ({ now: () => new Date(at.getTime()) });
