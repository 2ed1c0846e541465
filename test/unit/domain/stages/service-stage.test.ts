import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applicationView,
  compareStageEvents,
  SERVICE_STAGES,
  stageEventId,
  stageEventSchema,
  type ServiceStage,
  type StageEvent,
} from '#domain/stages/service-stage.ts';

const event = (stage: ServiceStage, occurredAt: string, extra: Partial<StageEvent> = {}): StageEvent => ({
  bodyId: '010000000607',
  applicationNumber: 'KZ-2026-000123',
  serviceCode: '00301001',
  stage,
  occurredAt: new Date(occurredAt).toISOString(),
  recordedAt: '2026-12-31T12:00:00.000Z',
  recordedBy: 'provider-client',
  ...extra,
});

describe('applicationView (§15)', () => {
  const lifecycle = [
    event('received', '2026-12-28T09:00:00+05:00'),
    event('forwarded', '2026-12-28T09:05:00+05:00'),
    event('in_review', '2026-12-29T11:00:00+05:00'),
    event('result_ready', '2026-12-31T17:30:00+05:00'),
    event('issued', '2027-01-04T10:00:00+05:00'),
  ];

  it('gives the same current stage and the same history, oldest first, whatever order the events arrive in', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(lifecycle, { minLength: lifecycle.length, maxLength: lifecycle.length }), (arrived) => {
        const view = applicationView(arrived);
        expect(view?.current).toMatchObject({ stage: 'issued', final: true, label: { ru: 'Результат выдан' } });
        expect(view?.history.map((entry) => entry.stage)).toEqual(['received', 'forwarded', 'in_review', 'result_ready', 'issued']);
      }),
    );
  });

  it('orders by the instant, not by the offset it was written with, across the year end', () => {
    // 00:30 on 1 January in Almaty is 19:30 UTC on 31 December: before 20:00 UTC that day.
    const newYear = event('in_review', '2027-01-01T00:30:00+05:00');
    const evening = event('suspended', '2026-12-31T20:00:00Z');
    expect(applicationView([evening, newYear])?.current.stage).toBe('suspended');
    expect(applicationView([newYear, evening])?.history.map((entry) => entry.occurredAt)).toEqual(['2026-12-31T19:30:00.000Z', '2026-12-31T20:00:00.000Z']);
  });

  it('breaks a tie of one instant by the place of the stage in the life of an application', () => {
    const at = '2026-03-20T15:00:00+05:00';
    const tied = [event('issued', at), event('result_ready', at), event('refused', at)];
    for (const arrived of [tied, [...tied].reverse()]) {
      const view = applicationView(arrived);
      expect(view?.current.stage).toBe('issued');
      expect(view?.history.map((entry) => entry.stage)).toEqual(['result_ready', 'refused', 'issued']);
    }
  });

  it('makes a later instant current even when it goes back in the life (a result recalled for review)', () => {
    const view = applicationView([event('in_review', '2026-03-21T10:00:00+05:00'), event('result_ready', '2026-03-20T10:00:00+05:00')]);
    expect(view?.current).toMatchObject({ stage: 'in_review', final: false });
  });

  it('has nothing to show for no events, and passes on that older events were left out', () => {
    expect(applicationView([])).toBeUndefined();
    expect(applicationView(lifecycle, false)?.historyComplete).toBe(false);
  });
});

describe('stageEventId', () => {
  it('sorts as text exactly as compareStageEvents orders the events (the store keeps events under it)', () => {
    const instant = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }).map((date) => date.toISOString());
    const stageEvent = fc.record({ occurredAt: instant, stage: fc.constantFrom(...SERVICE_STAGES) });
    fc.assert(
      fc.property(stageEvent, stageEvent, (a, b) => {
        const byId = stageEventId(a) < stageEventId(b) ? -1 : stageEventId(a) > stageEventId(b) ? 1 : 0;
        expect(byId).toBe(Math.sign(compareStageEvents(a, b)));
      }),
    );
  });

  it('is the same for one instant written with different offsets', () => {
    const parse = (occurredAt: string) => stageEventSchema.parse({ applicationNumber: 'A1', serviceCode: '00301001', stage: 'received', occurredAt });
    expect(stageEventId(parse('2026-03-20T10:00:00+05:00'))).toBe(stageEventId(parse('2026-03-20T05:00:00.000Z')));
  });
});

describe('stageEventSchema', () => {
  const valid = { applicationNumber: 'KZ-2026-000123', serviceCode: '00301001', stage: 'received', occurredAt: '2026-03-20T10:00:00+05:00' };
  const fieldsOf = (input: unknown) => {
    const result = stageEventSchema.safeParse(input);
    return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
  };

  it('takes an event with a note and flat details, keeping the instant in UTC', () => {
    const parsed = stageEventSchema.parse({ ...valid, note: '  Ожидается справка  ', details: { office: 'ЦОН Астана', window: 4, express: false } });
    expect(parsed).toMatchObject({ occurredAt: '2026-03-20T05:00:00.000Z', note: 'Ожидается справка' });
  });

  it('refuses a stage outside the list, an instant without an offset or finer than a millisecond, and an unsafe application number', () => {
    expect(fieldsOf({ ...valid, stage: 'done' })).toEqual(['stage']);
    expect(stageEventSchema.safeParse({ ...valid, stage: 'done' }).error?.issues[0]?.message).toMatch(/received, forwarded, in_review/);
    expect(fieldsOf({ ...valid, occurredAt: '2026-03-20T10:00:00' })).toEqual(['occurredAt']);
    expect(fieldsOf({ ...valid, occurredAt: '2026-03-20T10:00:00.1234+05:00' })).toEqual(['occurredAt']);
    expect(fieldsOf({ ...valid, occurredAt: '1999-12-31T23:00:00Z' })).toEqual(['occurredAt']);
    expect(fieldsOf({ ...valid, applicationNumber: 'KZ/2026/1' })).toEqual(['applicationNumber']);
    expect(fieldsOf({ ...valid, details: { nested: { a: 1 } } })).toEqual(['details.nested']);
    expect(fieldsOf({ ...valid, details: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, i])) })).toEqual(['details']);
  });
});
