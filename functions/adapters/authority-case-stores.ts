import type { Discrepancy, QaTraining } from '#domain/authority/authority-cases.ts';
import type { AuthorityStores } from '#domain/authority/authority-store.ts';
import { caseStore } from './case-store.ts';

/**
 * The quality authority's cases (case-store.ts): `DISCREPANCY#<id>` (§20, listed by the body
 * whose figures differ) and `QATRAINING#<id>` (§19, listed under the authority). Documents of
 * explanations are in the documents bucket, added by the composition root (composition.ts).
 */
const discrepancies = caseStore<Discrepancy>({
  entity: 'Discrepancy',
  prefix: 'DISCREPANCY',
  bodyIdOf: (state) => state.bodyId,
  statusOf: (state) => state.status,
  openedAtOf: (state) => state.registeredAt,
  idOf: (state) => state.id,
});
const trainings = caseStore<QaTraining>({
  entity: 'QaTraining',
  prefix: 'QATRAINING',
  bodyIdOf: (state) => state.bodyId,
  statusOf: (state) => state.status,
  openedAtOf: (state) => state.requestedAt,
  idOf: (state) => state.id,
});
export const discrepancyKey = discrepancies.keyOf;
export const qaTrainingKey = trainings.keyOf;

export const dynamoAuthorityStores: Omit<AuthorityStores, 'putDocument'> = {
  discrepancies,
  trainings,
};
