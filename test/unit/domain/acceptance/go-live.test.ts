import { describe, expect, it } from 'vitest';
import { ACCEPTANCE_STATUSES } from '#domain/acceptance/acceptance.ts';
import { goLive } from '#domain/acceptance/acceptance-commands.ts';
import { BODY_EMAIL, JOB_ACTOR, PERSON_EMAIL, SPEC, UCC_EMAIL, contextAt, stateIn } from './acceptance-fixtures.ts';

/** The walk's protocol was signed Tue 7 Apr 2026, so consulting starts on Wed 15 Apr 2026. */
describe('goLive', () => {
  it.each([
    ['2026-04-14T09:00:00+05:00'],
    ['2026-04-14T23:30:00+05:00'], // still the 14th in Almaty
    ['2026-04-14T18:59:59.999Z'], // 23:59:59.999 on the 14th in Almaty
  ])('does nothing before the start date (%s)', (now) => {
    const state = stateIn('protocolSigned');

    const outcome = goLive(state, contextAt(now, JOB_ACTOR));

    expect(state.consultationStartsOn).toBe('2026-04-15');
    expect(outcome).toBeUndefined();
  });

  it.each([
    ['2026-04-14T19:30:00Z', '2026-04-14T19:30:00.000Z'], // 00:30 on the 15th in Almaty
    ['2026-04-15T09:00:00+05:00', '2026-04-15T04:00:00.000Z'],
    ['2026-05-04T12:00:00+05:00', '2026-05-04T07:00:00.000Z'], // a late daily run
  ])('goes live on or after the start date (%s)', (now, liveAt) => {
    // Arrange
    const state = stateIn('protocolSigned');

    // Act
    const outcome = goLive(state, contextAt(now, JOB_ACTOR));

    // Assert
    expect(outcome).toBeDefined();
    expect(outcome?.state.status).toBe('live');
    expect(outcome?.state.liveAt).toBe(liveAt);
    expect(outcome?.state.version).toBe(state.version + 1);
    expect(outcome?.state.history.at(-1)).toEqual({ at: liveAt, actor: JOB_ACTOR, action: 'go-live', from: 'protocolSigned', to: 'live' });
    expect(outcome?.state.deadlines.find((deadline) => deadline.key === 'startConsultation')).toMatchObject({ status: 'met', closedAt: liveAt });
    expect(outcome?.state.nextDueAt).toBeUndefined();
    expect(outcome?.events.map((event) => [event.type, event.actor, event.data.bodyId])).toEqual([
      ['DeadlineClosed', JOB_ACTOR, SPEC.bodyId],
      ['AcceptanceLive', JOB_ACTOR, SPEC.bodyId],
    ]);
    expect(outcome?.events[1]?.data.consultationStartsOn).toBe('2026-04-15');
    expect(outcome?.messages.map((message) => [message.purpose, message.to])).toEqual([['live', [BODY_EMAIL, PERSON_EMAIL, UCC_EMAIL]]]);
    expect(state.status).toBe('protocolSigned');
  });

  it.each(ACCEPTANCE_STATUSES.filter((status) => status !== 'protocolSigned').map((status) => [status]))(
    'does nothing for an acceptance in %s',
    (status) => {
      const state = stateIn(status);

      const outcome = goLive(state, contextAt('2026-06-01T12:00:00+05:00', JOB_ACTOR));

      expect(outcome).toBeUndefined();
    },
  );
});
