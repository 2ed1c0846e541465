import { describe, expect, it } from 'vitest';
import {
  ACCEPTANCE_ACTIONS,
  ACCEPTANCE_STATUSES,
  ALLOWED_ACTIONS,
  type AcceptanceAction,
  type AcceptanceStatus,
} from '#domain/acceptance/acceptance.ts';
import { applyAcceptanceAction, type ActionInput } from '#domain/acceptance/acceptance-commands.ts';
import { StateConflictError } from '#domain/errors.ts';
import {
  BODY_ACTOR,
  JOB_ACTOR,
  PERSON_EMAIL,
  UCC_ACTOR,
  at,
  contextAt,
  fullWalk,
  stateIn,
  steps,
  thrownBy,
} from './acceptance-fixtures.ts';

/** §4–§9 by hand: the status each allowed action leads to; anything missing is not allowed. */
const EXPECTED_NEXT: Record<AcceptanceStatus, Partial<Record<AcceptanceAction, AcceptanceStatus>>> = {
  requested: { 'responsible-person': 'responsibleAppointed' },
  responsibleAppointed: { 'responsible-person': 'responsibleAppointed', information: 'informationSubmitted' },
  informationSubmitted: { registration: 'informationRegistered', return: 'informationReturned' },
  informationReturned: { information: 'informationSubmitted' },
  informationRegistered: { training: 'trainingHeld' },
  trainingHeld: { protocol: 'protocolSigned' },
  protocolSigned: {},
  live: {},
};

/** A valid input for each action at TABLE_NOW (Fri 10 April 2026), for any state the walk reaches. */
const TABLE_NOW = '2026-04-10T12:00:00+05:00';
const INPUT: Record<AcceptanceAction, ActionInput> = {
  'responsible-person': steps.responsible('new.person@akimat.gov.kz'),
  information: steps.information(),
  registration: steps.registration(),
  return: steps.return(),
  training: steps.training('2026-04-03'),
  protocol: steps.protocol('2026-04-07'),
};

const cases = ACCEPTANCE_STATUSES.flatMap((status) => ACCEPTANCE_ACTIONS.map((action) => ({ status, action })));

describe('applyAcceptanceAction', () => {
  describe('transition table', () => {
    it('covers every status and action of the machine', () => {
      expect(Object.keys(EXPECTED_NEXT).sort()).toEqual([...ACCEPTANCE_STATUSES].sort());
      expect(cases).toHaveLength(8 * 6);
    });

    it.each(ACCEPTANCE_STATUSES.map((status) => [status]))('ALLOWED_ACTIONS[%s] matches the hand-made table', (status) => {
      const expected = Object.keys(EXPECTED_NEXT[status]).sort();

      const actual = [...ALLOWED_ACTIONS[status]].sort();

      expect(actual).toEqual(expected);
    });

    it.each(cases)('$status + $action', ({ status, action }) => {
      // Arrange
      const state = stateIn(status);
      const before = structuredClone(state);
      const expectedNext = EXPECTED_NEXT[status][action];

      if (expectedNext === undefined) {
        // Act
        const error = thrownBy(() => applyAcceptanceAction(state, INPUT[action], contextAt(TABLE_NOW)));

        // Assert
        expect(error).toBeInstanceOf(StateConflictError);
        const conflict = error as StateConflictError;
        expect(conflict.details).toEqual({ currentStatus: status, allowedActions: Object.keys(EXPECTED_NEXT[status]) });
        expect(conflict.message).toContain(status);
        expect(conflict.message).toContain(action);
      } else {
        // Act
        const outcome = applyAcceptanceAction(state, INPUT[action], contextAt(TABLE_NOW));

        // Assert
        expect(outcome.state.status).toBe(expectedNext);
        expect(outcome.state.version).toBe(state.version + 1);
      }
      expect(state).toEqual(before);
    });
  });

  describe('replacing the responsible person', () => {
    it('keeps the status and deadlines, replaces the person and mails the new one', () => {
      const state = stateIn('responsibleAppointed');

      const outcome = applyAcceptanceAction(state, steps.responsible('new.person@akimat.gov.kz'), contextAt('2026-03-24T10:00:00+05:00', BODY_ACTOR));

      expect(outcome.state.status).toBe('responsibleAppointed');
      expect(outcome.state.version).toBe(3);
      expect(outcome.state.deadlines).toEqual(state.deadlines);
      expect(outcome.state.responsiblePerson?.email).toBe('new.person@akimat.gov.kz');
      expect(outcome.state.responsiblePerson?.appointedAt).toBe('2026-03-24T05:00:00.000Z');
      expect(outcome.events.map((event) => [event.type, event.data.replaced])).toEqual([['ResponsiblePersonAppointed', true]]);
      expect(outcome.messages.map((message) => message.to)).toEqual([['new.person@akimat.gov.kz']]);
    });
  });

  describe('version and history', () => {
    it('increments version by 1 per step, from 1 at opening to 9 when live', () => {
      const versions = fullWalk().map((outcome) => outcome.state.version);

      expect(versions).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    });

    it('records from, to, action, actor and instant of every step', () => {
      const live = at(fullWalk(), 8).state;

      expect(live.history).toEqual([
        { at: '2026-03-19T05:00:00.000Z', actor: UCC_ACTOR, action: 'open', from: null, to: 'requested' },
        { at: '2026-03-20T06:00:00.000Z', actor: BODY_ACTOR, action: 'responsible-person', from: 'requested', to: 'responsibleAppointed' },
        { at: '2026-03-27T05:00:00.000Z', actor: BODY_ACTOR, action: 'information', from: 'responsibleAppointed', to: 'informationSubmitted' },
        { at: '2026-03-30T07:00:00.000Z', actor: UCC_ACTOR, action: 'return', from: 'informationSubmitted', to: 'informationReturned' },
        { at: '2026-04-01T04:00:00.000Z', actor: BODY_ACTOR, action: 'information', from: 'informationReturned', to: 'informationSubmitted' },
        { at: '2026-04-01T11:00:00.000Z', actor: UCC_ACTOR, action: 'registration', from: 'informationSubmitted', to: 'informationRegistered' },
        { at: '2026-04-06T05:00:00.000Z', actor: BODY_ACTOR, action: 'training', from: 'informationRegistered', to: 'trainingHeld' },
        { at: '2026-04-07T10:00:00.000Z', actor: UCC_ACTOR, action: 'protocol', from: 'trainingHeld', to: 'protocolSigned' },
        { at: '2026-04-15T04:00:00.000Z', actor: JOB_ACTOR, action: 'go-live', from: 'protocolSigned', to: 'live' },
      ]);
    });

    it('appends one history entry per step without touching earlier states', () => {
      const outcomes = fullWalk();

      const lengths = outcomes.map((outcome) => outcome.state.history.length);

      expect(lengths).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    });

    it('records the step data on the state', () => {
      const live = at(fullWalk(), 8).state;

      expect(live.responsiblePerson).toMatchObject({ email: PERSON_EMAIL, appointedAt: '2026-03-20T06:00:00.000Z' });
      expect(live.information).toMatchObject({ submission: 2, submittedAt: '2026-04-01T04:00:00.000Z', submittedBy: BODY_ACTOR });
      expect(live.returns).toEqual([{ at: '2026-03-30T07:00:00.000Z', by: UCC_ACTOR, reasonCount: 1, reasons: ['Не указан срок оказания услуги'] }]);
      expect(live.knowledgeBase).toEqual({ entryVersion: 1, registeredAt: '2026-04-01T11:00:00.000Z', registeredBy: UCC_ACTOR });
      expect(live.training).toMatchObject({ heldOn: '2026-04-03', recordedAt: '2026-04-06T05:00:00.000Z', recordedBy: BODY_ACTOR });
      expect(live.protocol).toMatchObject({ signedOn: '2026-04-07', recordedAt: '2026-04-07T10:00:00.000Z', recordedBy: UCC_ACTOR });
      expect(live.liveAt).toBe('2026-04-15T04:00:00.000Z');
    });
  });
});
