import type { AcceptancePorts } from '#domain/acceptance/manage-acceptances.ts';
import type { MonitorPorts } from '#domain/deadlines/monitor-deadlines.ts';
import type { EffectPorts } from '#effects/effect.ts';
import { dynamoAcceptanceStore } from './acceptance-store.ts';
import { appendAuditEvent } from './audit-log.ts';
import { dynamoBodyStore } from './body-store.ts';
import { dynamoCalendarStore } from './calendar-store.ts';
import { dynamoContextReader } from './context-reader.ts';
import { systemClock } from './clock.ts';
import { deadlineScheduler } from './deadline-scheduler.ts';
import { dynamoDeadlineStore } from './deadline-store.ts';
import { dynamoMailLedger } from './mail-ledger.ts';
import { dynamoPendingWork } from './pending-work.ts';
import { dynamoPlanStore } from './plan-store.ts';
import { dynamoReadModels } from './read-models.ts';
import { dynamoResponsiblePersonStore } from './responsible-person-store.ts';
import { recalculateRequest, type RequestPorts } from '#domain/requests/manage-information-requests.ts';
import { recalculateCase, type AuthorityPorts } from '#domain/authority/manage-authority-cases.ts';
import type { CompliancePorts } from '#domain/directory/compliance-record.ts';
import type { UpdatePorts } from '#domain/information/manage-information-updates.ts';
import { dynamoInformationUpdateStore } from './information-update-store.ts';
import { dynamoAuthorityStores } from './authority-case-stores.ts';
import { s3DocumentStore } from './document-store.ts';
import { dynamoEscalationStore } from './escalation-store.ts';
import { dynamoInformationRequestStore } from './information-request-store.ts';
import { dynamoRecalculationStore } from './recalculation-store.ts';
import { sesMailer } from './ses-mailer.ts';

/** The composition root: the adapters each group of use-cases receives as its ports. */
export const acceptancePorts: AcceptancePorts = {
  acceptances: dynamoAcceptanceStore,
  bodies: dynamoBodyStore,
  calendars: dynamoCalendarStore,
  context: dynamoContextReader,
  persons: dynamoResponsiblePersonStore,
  clock: systemClock,
};

export const requestPorts: RequestPorts = {
  requests: dynamoInformationRequestStore,
  documents: s3DocumentStore,
  escalations: dynamoEscalationStore,
  bodies: dynamoBodyStore,
  calendars: dynamoCalendarStore,
  context: dynamoContextReader,
  clock: systemClock,
};

export const authorityPorts: AuthorityPorts = {
  ...dynamoAuthorityStores,
  bodies: dynamoBodyStore,
  context: dynamoContextReader,
  clock: systemClock,
};

export const compliancePorts: CompliancePorts = {
  bodies: dynamoBodyStore,
  facts: dynamoReadModels,
  violations: dynamoResponsiblePersonStore,
  clock: systemClock,
};

export const updatePorts: UpdatePorts = {
  updates: dynamoInformationUpdateStore,
  knowledgeBase: {
    versions: (bodyId, serviceCode) => dynamoReadModels.knowledgeBaseVersions(bodyId, serviceCode),
    recordVersion: (entry) => dynamoReadModels.recordKnowledgeBaseEntry(entry),
  },
  context: dynamoContextReader,
  clock: systemClock,
};

export const planPorts = { ...acceptancePorts, plans: dynamoPlanStore };

export const monitorPorts = (): MonitorPorts => ({
  ...acceptancePorts,
  cases: {
    informationRequest: { get: dynamoInformationRequestStore.get, recalculate: (id, ids) => recalculateRequest(id, ids, requestPorts) },
    discrepancy: { get: dynamoAuthorityStores.discrepancies.get, recalculate: (id, ids) => recalculateCase('discrepancy', id, ids, authorityPorts) },
    qaTraining: { get: dynamoAuthorityStores.trainings.get, recalculate: (id, ids) => recalculateCase('qaTraining', id, ids, authorityPorts) },
  },
  deadlines: dynamoDeadlineStore,
  scheduler: deadlineScheduler(),
});

/** What the effects function's projectors and senders receive (functions/effects/effect.ts). */
export const effectPorts = (): EffectPorts => ({
  monitor: { ...monitorPorts(), recalculations: dynamoRecalculationStore },
  auditLog: { append: appendAuditEvent },
  pending: dynamoPendingWork,
  readModels: dynamoReadModels,
  persons: dynamoResponsiblePersonStore,
  requests: requestPorts,
  informationUpdates: updatePorts,
  documents: s3DocumentStore,
  mailer: sesMailer,
  mailLedger: dynamoMailLedger,
  clock: systemClock,
});
