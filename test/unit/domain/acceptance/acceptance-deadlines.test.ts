/**
 * Deadlines of the acceptance (§5, §8, §9 of Decree No. 797 under RULEBOOK_2013). Every expected
 * date is counted by hand on /shared/calendar/KZ.md; the comments show the count.
 */
import { describe, expect, it } from 'vitest';
import type { Acceptance, DeadlineKey, DeadlineRecord } from '#domain/acceptance/acceptance.ts';
import { applyAcceptanceAction } from '#domain/acceptance/acceptance-commands.ts';
import {
  BODY_ACTOR,
  HAPPY_WALK,
  UCC_ACTOR,
  at,
  contextAt,
  fullWalk,
  open,
  stateIn,
  steps,
  walk,
  type WalkStep,
} from './acceptance-fixtures.ts';

const deadlinesOf = (state: Acceptance, key: DeadlineKey): DeadlineRecord[] => state.deadlines.filter((deadline) => deadline.key === key);
const only = (state: Acceptance, key: DeadlineKey): DeadlineRecord => {
  const found = deadlinesOf(state, key);
  expect(found).toHaveLength(1);
  return found[0] as DeadlineRecord;
};

const APPOINT: WalkStep = { at: '2026-03-20T11:00:00+05:00', actor: BODY_ACTOR, step: steps.responsible() };

describe('openAcceptance', () => {
  it('opens appointResponsible: 2 working days, skipping the Nauryz days off', () => {
    // Arrange: Thu 19 Mar 2026. Fri 20 = WD1; Sat 21, Sun 22, Mon 23 Nauryz; Tue 24, Wed 25 moved; Thu 26 = WD2.
    // Act
    const { state } = open('2026-03-19T10:00:00+05:00');

    // Assert
    expect(state.deadlines).toHaveLength(1);
    const deadline = only(state, 'appointResponsible');
    expect(deadline).toMatchObject({
      key: 'appointResponsible',
      cite: '§5',
      rulebookId: 'kz-gov-797-2013',
      from: '2026-03-19T05:00:00.000Z',
      dueDate: '2026-03-26',
      dueAt: '2026-03-26T23:59:59.999+05:00',
      status: 'open',
      party: 'body',
    });
    expect(deadline.closedAt).toBeUndefined();
    expect(deadline.derivation.filter((step) => step.counted).map((step) => step.date)).toEqual(['2026-03-20', '2026-03-26']);
    expect(deadline.derivation.filter((step) => !step.counted).map((step) => step.date)).toEqual([
      '2026-03-19',
      '2026-03-21',
      '2026-03-22',
      '2026-03-23',
      '2026-03-24',
      '2026-03-25',
    ]);
    expect(state.nextDueAt).toBe('2026-03-26T23:59:59.999+05:00');
  });

  it('counts from the Almaty date of the instant (late evening UTC is already the next day)', () => {
    // Wed 18 Mar 2026 20:00Z = Thu 19 Mar 01:00 Almaty: the same deadline as opening on Thursday.
    const { state } = open('2026-03-18T20:00:00Z');

    expect(only(state, 'appointResponsible').dueAt).toBe('2026-03-26T23:59:59.999+05:00');
  });

  it('records the opening: status, version 1, rulebook, who and when', () => {
    const { state } = open('2026-03-19T10:00:00+05:00', UCC_ACTOR);

    expect(state.status).toBe('requested');
    expect(state.version).toBe(1);
    expect(state.rulebookId).toBe('kz-gov-797-2013');
    expect(state.openedAt).toBe('2026-03-19T05:00:00.000Z');
    expect(state.openedBy).toBe(UCC_ACTOR);
    expect(state.returns).toEqual([]);
    expect(state.appliedKeys).toEqual([]);
  });
});

describe('applyAcceptanceAction', () => {
  describe('responsible-person', () => {
    it('in time closes appointResponsible as met and opens submitInformation (3 WD)', () => {
      // Fri 20 Mar: Sat 21–Wed 25 off; Thu 26 = 1, Fri 27 = 2, Mon 30 = 3.
      const [, appointed] = walk([APPOINT]);

      const state = appointed!.state;
      expect(only(state, 'appointResponsible')).toMatchObject({ status: 'met', closedAt: '2026-03-20T06:00:00.000Z' });
      expect(only(state, 'submitInformation')).toMatchObject({
        cite: '§5',
        from: '2026-03-20T06:00:00.000Z',
        dueDate: '2026-03-30',
        dueAt: '2026-03-30T23:59:59.999+05:00',
        status: 'open',
        party: 'body',
      });
      expect(state.nextDueAt).toBe('2026-03-30T23:59:59.999+05:00');
    });

    it('late (Fri 27 Mar 09:00) closes appointResponsible as missed; submitInformation runs from then', () => {
      // Fri 27 Mar: Mon 30 = 1, Tue 31 = 2, Wed 1 Apr = 3.
      const [, appointed] = walk([{ at: '2026-03-27T09:00:00+05:00', actor: BODY_ACTOR, step: steps.responsible() }]);

      const state = appointed!.state;
      expect(only(state, 'appointResponsible')).toMatchObject({ status: 'missed', closedAt: '2026-03-27T04:00:00.000Z' });
      expect(only(state, 'submitInformation')).toMatchObject({ dueDate: '2026-04-01', dueAt: '2026-04-01T23:59:59.999+05:00', status: 'open' });
      expect(state.nextDueAt).toBe('2026-04-01T23:59:59.999+05:00');
    });

    it.each([
      ['2026-03-26T23:59:59.999+05:00', 'met'],
      ['2026-03-27T00:00:00.000+05:00', 'missed'],
    ])('at %s the appointment is %s', (instant, expected) => {
      const [, appointed] = walk([{ at: instant, actor: BODY_ACTOR, step: steps.responsible() }]);

      expect(only(appointed!.state, 'appointResponsible').status).toBe(expected);
    });
  });

  describe('information', () => {
    it('in time closes submitInformation as met and opens holdTraining (5 WD)', () => {
      // Fri 27 Mar: Mon 30 = 1, Tue 31 = 2, Wed 1 Apr = 3, Thu 2 = 4, Fri 3 = 5.
      const outcomes = walk(HAPPY_WALK.slice(0, 2));

      const state = at(outcomes, 2).state;
      expect(only(state, 'submitInformation')).toMatchObject({ status: 'met', closedAt: '2026-03-27T05:00:00.000Z' });
      expect(only(state, 'holdTraining')).toMatchObject({
        cite: '§8',
        from: '2026-03-27T05:00:00.000Z',
        dueDate: '2026-04-03',
        dueAt: '2026-04-03T23:59:59.999+05:00',
        status: 'open',
        party: 'body',
      });
      expect(state.information?.submission).toBe(1);
      expect(state.nextDueAt).toBe('2026-04-03T23:59:59.999+05:00');
    });

    it('late closes submitInformation as missed', () => {
      // submitInformation of the appointment on Fri 20 Mar is due Mon 30 Mar; submitted Tue 31 Mar.
      const outcomes = walk([APPOINT, { at: '2026-03-31T09:00:00+05:00', actor: BODY_ACTOR, step: steps.information() }]);

      expect(only(at(outcomes, 2).state, 'submitInformation').status).toBe('missed');
    });

    it('a return opens returnedInformation (3 WD), which is then the earliest deadline', () => {
      // Mon 30 Mar: Tue 31 = 1, Wed 1 Apr = 2, Thu 2 = 3; holdTraining (listed first) is due Fri 3 Apr.
      const outcomes = walk(HAPPY_WALK.slice(0, 3));

      const state = at(outcomes, 3).state;
      expect(state.deadlines.map((deadline) => deadline.key)).toEqual([
        'appointResponsible',
        'submitInformation',
        'holdTraining',
        'returnedInformation',
      ]);
      expect(only(state, 'returnedInformation')).toMatchObject({
        from: '2026-03-30T07:00:00.000Z',
        dueDate: '2026-04-02',
        dueAt: '2026-04-02T23:59:59.999+05:00',
        status: 'open',
        party: 'body',
      });
      expect(only(state, 'holdTraining').status).toBe('open');
      expect(state.nextDueAt).toBe('2026-04-02T23:59:59.999+05:00');
    });

    it('a resubmission closes returnedInformation and does not open a second holdTraining', () => {
      const outcomes = walk(HAPPY_WALK.slice(0, 4));

      const state = at(outcomes, 4).state;
      expect(only(state, 'returnedInformation')).toMatchObject({ status: 'met', closedAt: '2026-04-01T04:00:00.000Z' });
      expect(only(state, 'holdTraining')).toMatchObject({ from: '2026-03-27T05:00:00.000Z', dueDate: '2026-04-03', status: 'open' });
      expect(only(state, 'submitInformation').status).toBe('met');
      expect(state.information?.submission).toBe(2);
      expect(state.nextDueAt).toBe('2026-04-03T23:59:59.999+05:00');
    });

    it('a second return opens a new returnedInformation; the late resubmission misses only that one', () => {
      // Second return Thu 2 Apr: Fri 3 = 1, Mon 6 = 2, Tue 7 = 3; resubmitted Wed 8 Apr.
      const outcomes = walk([
        ...HAPPY_WALK.slice(0, 4),
        { at: '2026-04-02T10:00:00+05:00', actor: UCC_ACTOR, step: steps.return(['Нет подписи руководителя']) },
        { at: '2026-04-08T10:00:00+05:00', actor: BODY_ACTOR, step: steps.information() },
      ]);

      const afterReturn = at(outcomes, 5).state;
      expect(deadlinesOf(afterReturn, 'returnedInformation').map((deadline) => [deadline.status, deadline.dueDate])).toEqual([
        ['met', '2026-04-02'],
        ['open', '2026-04-07'],
      ]);
      const state = at(outcomes, 6).state;
      expect(deadlinesOf(state, 'returnedInformation').map((deadline) => deadline.status)).toEqual(['met', 'missed']);
      expect(deadlinesOf(state, 'holdTraining')).toHaveLength(1);
      expect(state.information?.submission).toBe(3);
      expect(state.returns).toHaveLength(2);
    });
  });

  describe('returns kept in a bounded record', () => {
    it('keeps the reasons of the latest 3 returns on the acceptance and every return’s reasons in its event', () => {
      // Five return-and-resubmit cycles from Fri 27 March, one a working day apart.
      const cycles = ['2026-03-30', '2026-03-31', '2026-04-01', '2026-04-02', '2026-04-03'].flatMap((day, n) => [
        { at: `${day}T10:00:00+05:00`, actor: UCC_ACTOR, step: steps.return([`Причина ${n + 1}`]) },
        { at: `${day}T15:00:00+05:00`, actor: BODY_ACTOR, step: steps.information() },
      ]);
      const outcomes = walk([...HAPPY_WALK.slice(0, 2), ...cycles]);

      const state = outcomes.at(-1)!.state;
      expect(state.returns.map((entry) => [entry.reasonCount, entry.reasons])).toEqual([
        [1, undefined],
        [1, undefined],
        [1, ['Причина 3']],
        [1, ['Причина 4']],
        [1, ['Причина 5']],
      ]);
      const returned = outcomes.flatMap((outcome) => outcome.events).filter((event) => event.type === 'InformationReturned');
      expect(returned.map((event) => event.data.reasons)).toEqual([1, 2, 3, 4, 5].map((n) => [`Причина ${n}`]));
    });
  });

  describe('registration', () => {
    it('opens and closes no deadline', () => {
      const outcomes = walk(HAPPY_WALK.slice(0, 5));

      expect(at(outcomes, 5).state.deadlines).toEqual(at(outcomes, 4).state.deadlines);
      expect(at(outcomes, 5).state.nextDueAt).toBe('2026-04-03T23:59:59.999+05:00');
    });
  });

  describe('training', () => {
    it('closes holdTraining by the heldOn date: met when held by the due date, though recorded later', () => {
      // holdTraining due Fri 3 Apr; held Fri 3 Apr, recorded Mon 6 Apr.
      const outcomes = walk(HAPPY_WALK.slice(0, 6));

      const state = at(outcomes, 6).state;
      expect(only(state, 'holdTraining')).toMatchObject({ status: 'met', closedAt: '2026-04-06T05:00:00.000Z' });
      expect(state.deadlines.every((deadline) => deadline.status !== 'open')).toBe(true);
      expect('nextDueAt' in state).toBe(false);
    });

    it('is missed when held after the due date', () => {
      const outcomes = walk([
        ...HAPPY_WALK.slice(0, 5),
        { at: '2026-04-06T18:00:00+05:00', actor: BODY_ACTOR, step: steps.training('2026-04-06') },
      ]);

      expect(only(at(outcomes, 6).state, 'holdTraining').status).toBe('missed');
    });
  });

  describe('protocol', () => {
    it('sets consultationStartsOn to the first working day after 5 working days (signed Tue 7 Apr → Wed 15 Apr)', () => {
      // Wed 8 = 1, Thu 9 = 2, Fri 10 = 3, Mon 13 = 4, Tue 14 = 5; starts Wed 15 Apr.
      const outcomes = walk(HAPPY_WALK);

      const state = at(outcomes, 7).state;
      expect(state.consultationStartsOn).toBe('2026-04-15');
      expect(only(state, 'startConsultation')).toMatchObject({
        cite: '§9',
        dueDate: '2026-04-15',
        dueAt: '2026-04-15T00:00:00.000+05:00',
        status: 'open',
        party: 'ucc',
      });
      expect('nextDueAt' in state).toBe(false);
    });

    it.each([
      // Fri 8 May 2026: Sat 9 Victory Day, Sun 10, Mon 11 moved; Tue 12 = 1, Wed 13 = 2, Thu 14 = 3,
      // Fri 15 = 4, Mon 18 = 5; starts Tue 19 May.
      ['2026-05-08', '2026-05-19'],
      // Mon 28 Dec 2026: Tue 29 = 1, Wed 30 = 2, Thu 31 = 3; Fri 1 and Sat 2 Jan New Year, Sun 3,
      // Mon 4 moved; Tue 5 = 4, Wed 6 = 5; Thu 7 Orthodox Christmas; starts Fri 8 Jan 2027.
      ['2026-12-28', '2027-01-08'],
      // Wed 8 Apr 2026 (no days off in April): Thu 9 = 1, Fri 10 = 2, Mon 13 = 3, Tue 14 = 4, Wed 15 = 5;
      // starts Thu 16 Apr.
      ['2026-04-08', '2026-04-16'],
    ])('signed on %s → consulting starts on %s', (signedOn, startsOn) => {
      // Arrange
      const trained = stateIn('trainingHeld');

      // Act
      const { state } = applyAcceptanceAction(trained, steps.protocol(signedOn), contextAt(`${signedOn}T17:00:00+05:00`));

      // Assert
      expect(state.consultationStartsOn).toBe(startsOn);
      expect(only(state, 'startConsultation')).toMatchObject({ dueDate: startsOn, dueAt: `${startsOn}T00:00:00.000+05:00` });
    });
  });

  describe('nextDueAt', () => {
    it('follows the earliest open deadline through the walk and is absent once none is open', () => {
      const dues = fullWalk().map((outcome) => outcome.state.nextDueAt);

      expect(dues).toEqual([
        '2026-03-26T23:59:59.999+05:00', // appointResponsible
        '2026-03-30T23:59:59.999+05:00', // submitInformation
        '2026-04-03T23:59:59.999+05:00', // holdTraining
        '2026-04-02T23:59:59.999+05:00', // returnedInformation, before holdTraining
        '2026-04-03T23:59:59.999+05:00', // holdTraining
        '2026-04-03T23:59:59.999+05:00', // holdTraining
        undefined, // none open
        undefined, // startConsultation is not an obligation
        undefined, // live
      ]);
    });
  });
});
