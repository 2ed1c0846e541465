import type { AcceptancePorts } from '#domain/acceptance/manage-acceptances.ts';
import type { MonitorPorts } from '#domain/deadlines/monitor-deadlines.ts';
import { dynamoAcceptanceStore } from './acceptance-store.ts';
import { dynamoBodyStore } from './body-store.ts';
import { dynamoCalendarStore } from './calendar-store.ts';
import { dynamoContextReader } from './context-reader.ts';
import { systemClock } from './clock.ts';
import { dynamoDeadlineStore } from './deadline-store.ts';
import type { s3DocumentStore } from './document-store.ts';
import { dynamoPlanStore } from './plan-store.ts';
import { dynamoReadModels } from './read-models.ts';
import { dynamoResponsiblePersonStore } from './responsible-person-store.ts';
import { recalculateRequest, type RequestPorts } from '#domain/requests/manage-information-requests.ts';
import { recalculateCase, type AuthorityPorts } from '#domain/authority/manage-authority-cases.ts';
import type { CompliancePorts } from '#domain/directory/compliance-record.ts';
import type { UpdatePorts } from '#domain/information/manage-information-updates.ts';
import { dynamoInformationUpdateStore } from './information-update-store.ts';
import { dynamoAuthorityStores } from './authority-case-stores.ts';
import { dynamoEscalationStore } from './escalation-store.ts';
import { dynamoInformationRequestStore } from './information-request-store.ts';
import { recalculateComplaint, type ComplaintPorts } from '#domain/complaints/manage-complaints.ts';
import { dynamoComplaintStore, dynamoComplaintViolationStore } from './complaint-store.ts';
import type { StagePorts } from '#domain/stages/manage-service-stages.ts';
import { dynamoServiceStageStore } from './service-stage-store.ts';
import { recalculateReportDeadline, type ReportDeadlinePorts } from '#domain/reports/report-deadline.ts';
import { dynamoReportPeriodStore } from './report-period-store.ts';
import type { AppealPorts } from '#domain/appeals/manage-appeals.ts';
import { dynamoAppealCountReader, dynamoAppealStore } from './appeal-store.ts';
import type { AuditTrail } from '#domain/ports.ts';
import { listAuditEvents } from './audit-log.ts';
import { dynamoClientStore } from './client-store.ts';
import { dynamoRecalculationStore } from './recalculation-store.ts';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './dynamo.ts';
import { healthProbeKey } from './table-keys.ts';

/**
 * The composition root: the adapters each group of use-cases receives as its ports, all on
 * DynamoDB. A handler imports only the module it needs, so its bundle carries only those SDK
 * clients: this one (DynamoDB), documents-composition.ts (+ S3, for the routes the route table
 * marks `documents`) or effects-composition.ts (+ SES and Scheduler, for the effect runners).
 */
export type DocumentStore = typeof s3DocumentStore;

const noDocumentsHere = (): never => {
  throw new Error(
    "This function reads and writes no documents (functions/http/routes.ts marks the routes that do, and only their functions get the document store and may touch documents/*)",
  );
};

/** The document store of the functions the route table gives none: in AWS their role may not touch documents/* either. */
const noDocuments: DocumentStore = { put: noDocumentsHere, get: noDocumentsHere, link: noDocumentsHere, keep: noDocumentsHere, state: noDocumentsHere };

export const acceptancePortsWith = (documents: DocumentStore): AcceptancePorts => ({
  acceptances: { ...dynamoAcceptanceStore, putDocument: documents.put, getDocument: documents.get },
  bodies: dynamoBodyStore,
  calendars: dynamoCalendarStore,
  context: dynamoContextReader,
  persons: dynamoResponsiblePersonStore,
  clock: systemClock,
});

export const requestPortsWith = (documents: DocumentStore): RequestPorts => ({
  requests: { ...dynamoInformationRequestStore, putDocument: documents.put },
  documents,
  escalations: dynamoEscalationStore,
  bodies: dynamoBodyStore,
  calendars: dynamoCalendarStore,
  context: dynamoContextReader,
  clock: systemClock,
});

export const authorityPortsWith = (documents: DocumentStore): AuthorityPorts => ({
  ...dynamoAuthorityStores,
  putDocument: documents.put,
  bodies: dynamoBodyStore,
  context: dynamoContextReader,
  clock: systemClock,
});

export const complaintPortsWith = (documents: DocumentStore): ComplaintPorts => ({
  complaints: { ...dynamoComplaintStore, putDocument: documents.put },
  documents,
  violations: dynamoComplaintViolationStore,
  context: dynamoContextReader,
  clock: systemClock,
});

// Pure: a bundle that uses none of them drops it (and what only it reaches).
export const acceptancePorts = /* @__PURE__ */ acceptancePortsWith(noDocuments);
export const requestPorts = /* @__PURE__ */ requestPortsWith(noDocuments);
export const authorityPorts = /* @__PURE__ */ authorityPortsWith(noDocuments);
export const complaintPorts = /* @__PURE__ */ complaintPortsWith(noDocuments);

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

/** §15–§16 service-stage data. */
export const stagePorts: StagePorts = { stages: dynamoServiceStageStore, clock: systemClock };

export const appealPorts: AppealPorts = { appeals: dynamoAppealStore, counts: dynamoAppealCountReader, clock: systemClock };

export const planPorts = { ...acceptancePorts, plans: dynamoPlanStore };

/** §13–§14, §18: the periods' report deadlines (the report jobs open and close them). */
export const reportDeadlinePorts: ReportDeadlinePorts = {
  reportPeriods: dynamoReportPeriodStore,
  calendars: dynamoCalendarStore,
  bodyOfKind: async (kind) => (await dynamoBodyStore.list({ kind, limit: 1 })).items[0],
  clock: systemClock,
};

/** The deadline monitor's ports but its scheduler (effects-composition.ts adds it). */
export const deadlinePorts = (): Omit<MonitorPorts, 'scheduler'> => ({
  ...acceptancePorts,
  cases: {
    informationRequest: { get: dynamoInformationRequestStore.get, recalculate: (id, ids, page) => recalculateRequest(id, ids, page, requestPorts) },
    discrepancy: { get: dynamoAuthorityStores.discrepancies.get, recalculate: (id, ids, page) => recalculateCase('discrepancy', id, ids, page, authorityPorts) },
    qaTraining: { get: dynamoAuthorityStores.trainings.get, recalculate: (id, ids, page) => recalculateCase('qaTraining', id, ids, page, authorityPorts) },
    complaint: { get: dynamoComplaintStore.get, recalculate: (id, ids, page) => recalculateComplaint(id, ids, page, complaintPorts) },
    report: { get: dynamoReportPeriodStore.get, recalculate: (id, ids, page) => recalculateReportDeadline(id, ids, page, reportDeadlinePorts) },
  },
  deadlines: dynamoDeadlineStore,
});

/** The audit log as the listings read it (the effects function fills it, effects-composition.ts). */
export const auditTrail: AuditTrail = {
  list: (aggregateType, aggregateId, { limit, cursor }) => listAuditEvents(aggregateType, aggregateId, { limit, cursor }),
};

/** §2 participants and their responsible persons (§5, §7). */
export const directoryPorts = {
  bodies: dynamoBodyStore,
  persons: dynamoResponsiblePersonStore,
  calendars: dynamoCalendarStore,
  audit: auditTrail,
  clock: systemClock,
};

/** API clients and their keys (admin). */
export const clientPorts = { clients: dynamoClientStore, bodies: dynamoBodyStore, audit: auditTrail, clock: systemClock };

/** The working calendar, its changes and the recount of open deadlines after one. */
export const calendarPorts = {
  calendars: dynamoCalendarStore,
  recalculations: dynamoRecalculationStore,
  audit: auditTrail,
  clock: systemClock,
};

/** The rulebook in force depends on today's date only. */
export const rulebookPorts = { clock: systemClock };

/** GET /v1/health: one read of the table, which throws when the table does not answer. */
export const healthPorts = {
  probeTable: async (): Promise<void> => {
    await dynamo().send(new GetCommand({ TableName: tableName(), Key: healthProbeKey() }));
  },
};
