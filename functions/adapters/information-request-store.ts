import type { InformationRequest } from '#domain/requests/information-request.ts';
import type { InformationRequestStore } from '#domain/requests/request-port.ts';
import { caseStore } from './case-store.ts';
import { CASE_PREFIXES } from './table-keys.ts';

/**
 * Information requests (§10), listed by body and status (case-store.ts).
 * Their documents are in the documents bucket, added by the composition root (composition.ts).
 */
const requests = caseStore<InformationRequest>({
  entity: 'InformationRequest',
  prefix: CASE_PREFIXES.informationRequest,
  openedAtOf: (state) => state.askedAt,
});

export const toInformationRequest = requests.toCase;

export const dynamoInformationRequestStore: Omit<InformationRequestStore, 'putDocument'> = {
  get: requests.get,
  create: requests.create,
  save: requests.save,
  list: requests.list,
};
