/**
 * Named moments inside the effects function where the reliability suite kills the local stack
 * (issue 17 §3), so a crash lands exactly between two writes instead of wherever a timer fell.
 * A no-op everywhere but `npm start` with LOCAL_CRASH_AT set (infra/local/crash-points.ts
 * installs the hook); nothing in AWS sets one.
 */
export const CRASH_POINTS = [
  /** The event's audit copy written, its own effects and the e-mail not yet run. */
  'effects.audit-copied',
  /** SES took the message, the mail ledger not yet marked: the window SES leaves (no idempotency token). */
  'effects.mail-accepted',
  /** The ledger marked the message sent, the item's pending marks not yet cleared. */
  'effects.mail-recorded',
  /** One acceptance of a calendar recalculation page moved, the rest of the page and its record not yet. */
  'effects.recalculation-subject-moved',
] as const;
export type CrashPoint = (typeof CRASH_POINTS)[number];

let hook: ((point: CrashPoint) => void) | undefined;

/** Reached a named moment: the installed hook may end the process here. */
export function crashPoint(point: CrashPoint): void {
  hook?.(point);
}

/** True when a hook is installed (the local stack under a crash test). */
export const crashPointsArmed = (): boolean => hook !== undefined;

/** Installs the hook (the local stack only); undefined removes it. */
export function setCrashHook(next: ((point: CrashPoint) => void) | undefined): void {
  hook = next;
}
