import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALLOWED_ACTIONS, type Acceptance, type AcceptanceAction } from '#domain/acceptance/acceptance.ts';
import { applyAcceptanceAction, type ActionInput } from '#domain/acceptance/acceptance-commands.ts';
import { toAlmatyDate } from '#domain/calendar/local-date.ts';
import { BODY_ACTOR, OPENED_AT, contextAt, open, steps } from './acceptance-fixtures.ts';

const DAY_MS = 86_400_000;

/** A valid input for `action` on day `today` (training and protocol dated that day). */
function inputFor(action: AcceptanceAction, today: string): ActionInput {
  switch (action) {
    case 'responsible-person':
      return steps.responsible();
    case 'information':
      return steps.information();
    case 'registration':
      return steps.registration();
    case 'return':
      return steps.return();
    case 'training':
      return steps.training(today);
    case 'protocol':
      return steps.protocol(today);
  }
}

/**
 * Walks from open, one step a day (10:00 Almaty), each choice picking one of the actions the
 * current status allows; stops when none is allowed. `allowed` can narrow the choices.
 */
function walkChoices(
  choices: number[],
  allowed: (state: Acceptance) => readonly AcceptanceAction[] = (state) => ALLOWED_ACTIONS[state.status],
): { state: Acceptance; actions: number } {
  let state = open().state;
  let actions = 0;
  for (const choice of choices) {
    const options = allowed(state);
    if (options.length === 0) break;
    const action = options[choice % options.length] as AcceptanceAction;
    const now = new Date(Date.parse(OPENED_AT) + (actions + 1) * DAY_MS).toISOString();
    state = applyAcceptanceAction(state, inputFor(action, toAlmatyDate(now)), contextAt(now, BODY_ACTOR)).state;
    actions += 1;
  }
  return { state, actions };
}

const choicesArb = fc.array(fc.nat({ max: 11 }), { maxLength: 30 });

describe('applyAcceptanceAction', () => {
  it('property: version is 1 + the number of actions walked from open', () => {
    fc.assert(
      fc.property(choicesArb, (choices) => {
        const { state, actions } = walkChoices(choices);

        expect(state.version).toBe(1 + actions);
      }),
    );
  });

  // Replacing the responsible person is included: it stays in responsibleAppointed but is a step.
  it('property: version and history.length are both 1 + the number of actions walked from open', () => {
    fc.assert(
      fc.property(choicesArb, (choices) => {
        const { state, actions } = walkChoices(choices, (current: Acceptance) => ALLOWED_ACTIONS[current.status]);

        expect(state.version).toBe(1 + actions);
        expect(state.history.length).toBe(1 + actions);
        expect(state.history.slice(1).map((entry) => entry.from)).toEqual(state.history.slice(0, -1).map((entry) => entry.to));
        expect(state.history.at(-1)?.to).toBe(state.status);
      }),
    );
  });
});
