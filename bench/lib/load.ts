import { percentileSorted, round } from './stats.ts';

/**
 * A bounded closed-loop load generator: `concurrency` workers each issue one operation at a
 * time, back to back, until the phase's request budget or time budget is spent (whichever
 * first). Latency is measured per operation with performance.now(). Suites that compare
 * targets run several short phases per target, interleaved, and pool them with `summarize`,
 * so a burst of noise from elsewhere on the machine hits every target alike.
 */
export interface PhaseOptions {
  readonly concurrency: number;
  readonly maxRequests: number;
  readonly maxDurationMs: number;
}

export interface Phase {
  readonly latencies: Float64Array;
  readonly completed: number;
  readonly errors: number;
  readonly firstError: unknown;
  readonly durationMs: number;
}

export interface LoadResult {
  readonly requests: number;
  readonly errors: number;
  readonly durationMs: number;
  /** All requests over all phases' wall time. */
  readonly reqPerSec: number;
  /** Each phase's own req/s, to show the spread. */
  readonly reqPerSecByPhase: readonly number[];
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly meanMs: number;
  readonly maxMs: number;
}

export async function runPhase(op: () => Promise<void>, options: PhaseOptions): Promise<Phase> {
  const latencies = new Float64Array(options.maxRequests);
  let issued = 0;
  let completed = 0;
  let errors = 0;
  let firstError: unknown;
  const started = performance.now();
  const deadline = started + options.maxDurationMs;
  const worker = async () => {
    while (issued < options.maxRequests && performance.now() < deadline) {
      issued += 1;
      const t0 = performance.now();
      try {
        await op();
      } catch (error) {
        errors += 1;
        firstError ??= error;
      }
      latencies[completed] = performance.now() - t0;
      completed += 1;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return { latencies: latencies.subarray(0, completed), completed, errors, firstError, durationMs: performance.now() - started };
}

/** Throws when more than `maxErrorRate` of the operations failed (a broken target, not a slow one). */
export function assertHealthy(label: string, phase: Phase, maxErrorRate = 0): void {
  if (phase.completed > 0 && phase.errors / phase.completed <= maxErrorRate) return;
  const cause = phase.firstError instanceof Error ? phase.firstError.message : String(phase.firstError);
  throw new Error(`${label}: ${phase.errors} of ${phase.completed} operations failed; first: ${cause}`, { cause: phase.firstError });
}

export function summarize(phases: readonly Phase[]): LoadResult {
  const requests = phases.reduce((sum, phase) => sum + phase.completed, 0);
  const durationMs = phases.reduce((sum, phase) => sum + phase.durationMs, 0);
  const sorted = new Float64Array(requests);
  let offset = 0;
  for (const phase of phases) {
    sorted.set(phase.latencies, offset);
    offset += phase.completed;
  }
  sorted.sort();
  let total = 0;
  for (const value of sorted) total += value;
  return {
    requests,
    errors: phases.reduce((sum, phase) => sum + phase.errors, 0),
    durationMs: round(durationMs, 1),
    reqPerSec: round(requests / (durationMs / 1000), 1),
    reqPerSecByPhase: phases.map((phase) => round(phase.completed / (phase.durationMs / 1000), 0)),
    p50Ms: round(percentileSorted(sorted, 50), 2),
    p99Ms: round(percentileSorted(sorted, 99), 2),
    meanMs: round(total / requests, 2),
    maxMs: round(sorted[sorted.length - 1] ?? Number.NaN, 2),
  };
}

/**
 * An open-loop load: `ratePerSec` operations a second, each started on its own schedule whether
 * or not the earlier ones have answered (so a stall shows up as latency instead of fewer
 * requests), until `until()` says stop or `maxDurationMs` is spent. Latency runs from the
 * moment the operation is started.
 */
export async function runPaced(
  op: () => Promise<void>,
  options: { ratePerSec: number; maxDurationMs: number; until?: () => boolean },
): Promise<Phase> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: unknown;
  const inFlight = new Set<Promise<void>>();
  const started = performance.now();
  const intervalMs = 1000 / options.ratePerSec;
  for (let index = 0; ; index += 1) {
    const at = started + index * intervalMs;
    const wait = at - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    if (performance.now() - started >= options.maxDurationMs || options.until?.() === true) break;
    const t0 = performance.now();
    const running: Promise<void> = op()
      .catch((error: unknown) => {
        errors += 1;
        firstError ??= error;
      })
      .finally(() => {
        latencies.push(performance.now() - t0);
        inFlight.delete(running);
      });
    inFlight.add(running);
  }
  await Promise.all(inFlight);
  return { latencies: Float64Array.from(latencies), completed: latencies.length, errors, firstError, durationMs: performance.now() - started };
}
