import { ALLOWED_ACTIONS, type Acceptance } from '#domain/acceptance/acceptance.ts';

/** What the API shows of an acceptance: its state plus the actions the status allows now. */
export function acceptanceView(state: Acceptance) {
  const { appliedKeys: _appliedKeys, ...rest } = state;
  return { ...rest, allowedActions: ALLOWED_ACTIONS[state.status] };
}
