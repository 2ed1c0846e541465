import type { InformationUpdateStore } from '#domain/information/information-update-port.ts';
import type { InformationUpdate } from '#domain/information/information-update.ts';
import { caseStore } from './case-store.ts';
import { CASE_PREFIXES } from './table-keys.ts';

/** §6 information updates, listed by body and status (case-store.ts). */
const updates = caseStore<InformationUpdate>({
  entity: 'InformationUpdate',
  prefix: CASE_PREFIXES.informationUpdate,
  openedAtOf: (state) => state.submittedAt,
});

export const dynamoInformationUpdateStore: InformationUpdateStore = { get: updates.get, create: updates.create, save: updates.save, list: updates.list };
