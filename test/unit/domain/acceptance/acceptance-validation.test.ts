import { describe, expect, it } from 'vitest';
import { applyAcceptanceAction } from '#domain/acceptance/acceptance-commands.ts';
import { InvalidInputError } from '#domain/errors.ts';
import { BODY_ACTOR, UCC_ACTOR, at, contextAt, stateIn, steps, thrownBy, walk } from './acceptance-fixtures.ts';

const fieldsOf = (error: unknown): string[] => {
  expect(error).toBeInstanceOf(InvalidInputError);
  return (error as InvalidInputError).issues.map((issue) => issue.field);
};

/** Information submitted Fri 27 Mar 02:00 Almaty, i.e. Thu 26 Mar 21:00 UTC; registered the same day. */
function registeredEarlyOnThe27th() {
  const outcomes = walk([
    { at: '2026-03-20T11:00:00+05:00', actor: BODY_ACTOR, step: steps.responsible() },
    { at: '2026-03-27T02:00:00+05:00', actor: BODY_ACTOR, step: steps.information() },
    { at: '2026-03-27T10:00:00+05:00', actor: UCC_ACTOR, step: steps.registration() },
  ]);
  return at(outcomes, 3).state;
}

describe('applyAcceptanceAction', () => {
  describe('information validation', () => {
    it.each(['responsibleAppointed', 'informationReturned'] as const)(
      'rejects information for another service in %s (field body.serviceCode)',
      (status) => {
        // Arrange
        const state = stateIn(status);

        // Act
        const error = thrownBy(() => applyAcceptanceAction(state, steps.information('00501002'), contextAt('2026-04-01T09:00:00+05:00', BODY_ACTOR)));

        // Assert
        expect(fieldsOf(error)).toEqual(['body.serviceCode']);
        expect((error as InvalidInputError).message).toContain('00501001');
      },
    );
  });

  describe('training validation', () => {
    it('rejects a heldOn date in the future (field body.heldOn)', () => {
      const state = stateIn('informationRegistered');

      const error = thrownBy(() => applyAcceptanceAction(state, steps.training('2026-04-07'), contextAt('2026-04-06T10:00:00+05:00')));

      expect(fieldsOf(error)).toEqual(['body.heldOn']);
    });

    it('takes "today" in Almaty: 20:00 UTC on 6 April is already 7 April', () => {
      const state = stateIn('informationRegistered');

      const late = applyAcceptanceAction(state, steps.training('2026-04-07'), contextAt('2026-04-06T20:00:00Z'));
      const early = thrownBy(() => applyAcceptanceAction(state, steps.training('2026-04-07'), contextAt('2026-04-06T18:59:59Z')));

      expect(late.state.status).toBe('trainingHeld');
      expect(fieldsOf(early)).toEqual(['body.heldOn']);
    });

    it('rejects a heldOn date before the Almaty date of the submission (field body.heldOn)', () => {
      // Submitted on 27 Mar in Almaty (26 Mar in UTC): training on 26 Mar is before it.
      const state = registeredEarlyOnThe27th();

      const error = thrownBy(() => applyAcceptanceAction(state, steps.training('2026-03-26'), contextAt('2026-04-06T10:00:00+05:00')));

      expect(fieldsOf(error)).toEqual(['body.heldOn']);
      expect((error as InvalidInputError).message).toContain('2026-03-27');
    });

    it('accepts a training held on the day of the submission', () => {
      const state = registeredEarlyOnThe27th();

      const { state: trained } = applyAcceptanceAction(state, steps.training('2026-03-27'), contextAt('2026-04-06T10:00:00+05:00'));

      expect(trained.status).toBe('trainingHeld');
      expect(trained.training?.heldOn).toBe('2026-03-27');
    });
  });

  describe('protocol validation', () => {
    it('rejects a protocol signed before the training (field body.signedOn)', () => {
      // The walk's training was held on Fri 3 Apr.
      const state = stateIn('trainingHeld');

      const error = thrownBy(() => applyAcceptanceAction(state, steps.protocol('2026-04-02'), contextAt('2026-04-07T15:00:00+05:00')));

      expect(fieldsOf(error)).toEqual(['body.signedOn']);
      expect((error as InvalidInputError).message).toContain('2026-04-03');
    });

    it('rejects a protocol signed in the future (field body.signedOn)', () => {
      const state = stateIn('trainingHeld');

      const error = thrownBy(() => applyAcceptanceAction(state, steps.protocol('2026-04-08'), contextAt('2026-04-07T15:00:00+05:00')));

      expect(fieldsOf(error)).toEqual(['body.signedOn']);
    });

    it('accepts a protocol signed on the day of the training', () => {
      const state = stateIn('trainingHeld');

      const { state: signed } = applyAcceptanceAction(state, steps.protocol('2026-04-03'), contextAt('2026-04-07T15:00:00+05:00'));

      expect(signed.status).toBe('protocolSigned');
      expect(signed.protocol?.signedOn).toBe('2026-04-03');
    });
  });
});
