import type { Discrepancy, QaTraining } from '#domain/authority/authority-cases.ts';
import type { AuthorityStores } from '#domain/authority/authority-port.ts';
import { caseStore } from './case-store.ts';
import { CASE_PREFIXES } from './table-keys.ts';

/**
 * The quality authority's cases (case-store.ts): discrepancies (§20, listed by the body whose
 * figures differ) and training requests (§19, listed under the authority). Documents of
 * explanations are in the documents bucket, added by the composition root (composition.ts).
 */
const discrepancies = caseStore<Discrepancy>({
  entity: 'Discrepancy',
  prefix: CASE_PREFIXES.discrepancy,
  openedAtOf: (state) => state.registeredAt,
});
const trainings = caseStore<QaTraining>({
  entity: 'QaTraining',
  prefix: CASE_PREFIXES.qaTraining,
  openedAtOf: (state) => state.requestedAt,
});

export const dynamoAuthorityStores: Omit<AuthorityStores, 'putDocument'> = {
  discrepancies,
  trainings,
};
