import { definedMembers } from '../defined-members.ts';
import type { Discrepancy, QaTraining } from './authority-cases.ts';
import type { AuthorityStores } from './authority-port.ts';

/** A listing of the quality authority's cases: every member but the page size may be not given. */
export interface CaseListing<S extends string> {
  bodyId?: string | undefined;
  status?: S | undefined;
  limit: number;
  cursor?: string | undefined;
}

/** §20 discrepancies, newest first. */
export const listDiscrepancies = (listing: CaseListing<Discrepancy['status']>, ports: Pick<AuthorityStores, 'discrepancies'>) =>
  ports.discrepancies.list(definedMembers(listing));

/** §19 QA trainings, newest first. */
export const listTrainings = (listing: CaseListing<QaTraining['status']>, ports: Pick<AuthorityStores, 'trainings'>) =>
  ports.trainings.list(definedMembers(listing));
