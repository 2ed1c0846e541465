import { afterEach, describe, expect, it } from 'vitest';
import { crashPoint, crashPointsArmed, setCrashHook, type CrashPoint } from '#commons/crash-point.ts';
import { parseCrashAt } from '#infra/local/crash-points.ts';

describe('parseCrashAt', () => {
  it('reads a named point and the occurrence to crash at, the first by default', () => {
    expect(parseCrashAt('effects.mail-accepted@3')).toEqual({ point: 'effects.mail-accepted', occurrence: 3 });
    expect(parseCrashAt('effects.audit-copied')).toEqual({ point: 'effects.audit-copied', occurrence: 1 });
    expect(parseCrashAt(undefined)).toBeUndefined();
    expect(parseCrashAt('')).toBeUndefined();
  });

  it('refuses an unknown point or an occurrence that is not a whole number from 1, naming the variable', () => {
    expect(() => parseCrashAt('effects.nowhere@1')).toThrow(/LOCAL_CRASH_AT: unknown crash point/);
    expect(() => parseCrashAt('effects.mail-accepted@0')).toThrow(/LOCAL_CRASH_AT/);
    expect(() => parseCrashAt('effects.mail-accepted@1.5')).toThrow(/LOCAL_CRASH_AT/);
  });
});

describe('crashPoint', () => {
  afterEach(() => setCrashHook(undefined));

  it('does nothing until a hook is installed, then hands it every point reached', () => {
    // Why: in AWS no hook exists, and reaching a point must cost nothing there.
    expect(crashPointsArmed()).toBe(false);
    expect(() => crashPoint('effects.mail-recorded')).not.toThrow();
    const reached: CrashPoint[] = [];
    setCrashHook((point) => reached.push(point));
    crashPoint('effects.audit-copied');
    crashPoint('effects.mail-recorded');
    expect(crashPointsArmed()).toBe(true);
    expect(reached).toEqual(['effects.audit-copied', 'effects.mail-recorded']);
  });
});
