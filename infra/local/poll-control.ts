export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The control every local poller shares (the effects feeders, the SES sent-events poller): a
 * pause between polls that a nudge or a stop cuts short, a hold for tests (pause/resume: what is
 * in the handler finishes), and whether a handler call is under way (busy).
 */
export function pollControl() {
  let paused = false;
  let inHandler = false;
  let stopped = false;
  let wake: (() => void) | undefined;
  return {
    /** The pause between polls, cut short by a nudge. */
    idle(ms: number): Promise<void> {
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          wake = undefined;
          resolve();
        }, ms);
        wake = () => {
          clearTimeout(timer);
          wake = undefined;
          resolve();
        };
      });
    },
    nudge: () => wake?.(),
    get stopped() {
      return stopped;
    },
    stop() {
      stopped = true;
    },
    /** Waits while paused; false once stopped. */
    async ready(intervalMs: number): Promise<boolean> {
      while (paused && !stopped) await sleep(intervalMs);
      return !stopped;
    },
    async run<T>(work: () => Promise<T>): Promise<T> {
      inHandler = true;
      try {
        return await work();
      } finally {
        inHandler = false;
      }
    },
    busy: () => inHandler,
    pause: () => {
      paused = true;
    },
    resume: () => {
      paused = false;
    },
    isPaused: () => paused,
  };
}

export type PollControl = ReturnType<typeof pollControl>;
