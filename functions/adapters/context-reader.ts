import type { StoredCalendarYear } from '#domain/calendar/calendar-port.ts';
import { seedYear, workingCalendarOf } from '#domain/calendar/load-calendar-years.ts';
import { toAlmatyDate } from '#domain/calendar/local-date.ts';
import type { Body } from '#domain/directory/body.ts';
import { assignmentId, type ContextReader, type OwnedCase } from '#domain/ports.ts';
import type { SubjectType } from '#domain/deadlines/monitored-deadline.ts';
import { withoutStorageFields } from './versioned-item.ts';
import type { Acceptance } from '#domain/acceptance/acceptance.ts';
import type { ResponsibleAssignment } from '#domain/directory/responsible-person.ts';
import type { InformationRequest } from '#domain/requests/information-request.ts';
import { toAcceptance } from './acceptance-store.ts';
import { dynamoBodyStore, toBody } from './body-store.ts';
import { toAssignment } from './responsible-person-store.ts';
import { toInformationRequest } from './information-request-store.ts';
import { toComplaint } from './complaint-store.ts';
import type { Complaint } from '#domain/complaints/complaint.ts';
import { toStoredCalendarYear } from './calendar-store.ts';
import { batchGetItems } from './dynamo.ts';
import { CASE_PREFIXES, acceptanceKey, assignmentKey, assignmentKeysOfAcceptance, bodyKey, calendarYearKey, caseKey, type TableKey } from './table-keys.ts';

/**
 * A command's context in one BatchGetItem (strongly consistent): its bodies, the UCC's record,
 * the stored calendar years around now, and the acceptance a step works on with the
 * responsible-person assignments of its service and body. Per warm container it keeps the UCC's
 * id, and the quality authority's when a command asks for its record (each found by one Query
 * the first time); the compiled calendar comes from workingCalendarOf,
 * kept by the versions of its years.
 */
let uccId: string | undefined;
let qualityAuthorityId: string | undefined;

const uccIdOnce = async (): Promise<string | undefined> => {
  if (uccId === undefined) uccId = (await dynamoBodyStore.list({ kind: 'ucc', limit: 1 })).items[0]?.id;
  return uccId;
};

const qualityAuthorityIdOnce = async (): Promise<string | undefined> => {
  if (qualityAuthorityId === undefined) qualityAuthorityId = (await dynamoBodyStore.list({ kind: 'quality_authority', limit: 1 })).items[0]?.id;
  return qualityAuthorityId;
};

/** The item of a case that owns deadlines, by its subject type (monitored-deadline.ts). */
const CASE_KEYS: Readonly<Record<SubjectType, (id: string) => TableKey>> = {
  acceptance: acceptanceKey,
  informationRequest: (id) => caseKey(CASE_PREFIXES.informationRequest, id),
  discrepancy: (id) => caseKey(CASE_PREFIXES.discrepancy, id),
  qaTraining: (id) => caseKey(CASE_PREFIXES.qaTraining, id),
  complaint: (id) => caseKey(CASE_PREFIXES.complaint, id),
  report: (id) => caseKey(CASE_PREFIXES.reportPeriod, id),
};
const CASE_ENTITIES = new Set(['Acceptance', 'InformationRequest', 'Discrepancy', 'QaTraining', 'Complaint', 'ReportPeriod']);

export const dynamoContextReader: ContextReader = {
  async readMany(request) {
    const ucc = await uccIdOnce();
    const items = await batchGetItems([
      ...[...request.bodyIds, ...(ucc === undefined ? [] : [ucc])].map(bodyKey),
      ...request.cases.flatMap(({ type, id }) => [CASE_KEYS[type](id), ...(type === 'acceptance' ? assignmentKeysOfAcceptance(id) : [])]),
      ...request.assignments.map(({ bodyId, scope }) => assignmentKey(bodyId, scope)),
    ]);
    const bodies = new Map<string, Body>();
    const cases = new Map<string, OwnedCase>();
    const assignments = new Map<string, ResponsibleAssignment>();
    for (const item of items) {
      if (item.entity === 'Body') {
        const body = toBody(item);
        bodies.set(body.id, body);
      } else if (item.entity === 'ResponsibleAssignment') {
        const assignment = toAssignment(item);
        assignments.set(assignmentId(assignment.bodyId, assignment.scope), assignment);
      } else if (typeof item.entity === 'string' && CASE_ENTITIES.has(item.entity)) {
        const owned = withoutStorageFields(item) as unknown as OwnedCase;
        cases.set(owned.id, owned);
      }
    }
    const uccBody = ucc === undefined ? undefined : bodies.get(ucc);
    return { bodies, cases, assignments, ucc: uccBody };
  },

  async read(bodyIds, now, also = {}) {
    const [, authorityId] = await Promise.all([uccIdOnce(), also.qualityAuthority === true ? qualityAuthorityIdOnce() : undefined]);
    const year = Number(toAlmatyDate(now).slice(0, 4));
    const years = [year - 1, year, year + 1];
    const bodyKeys = [...new Set([...bodyIds, ...(uccId === undefined ? [] : [uccId]), ...(authorityId === undefined ? [] : [authorityId])])].map(bodyKey);
    const pending: Record<string, unknown>[] = [
      ...bodyKeys,
      ...years.map((y) => calendarYearKey('KZ', y)),
      ...(also.assignmentsOfAcceptances ?? []).flatMap(assignmentKeysOfAcceptance),
      ...(also.acceptanceIds ?? []).flatMap((id) => [acceptanceKey(id), ...assignmentKeysOfAcceptance(id)]),
      ...(also.informationRequestId === undefined ? [] : [CASE_KEYS.informationRequest(also.informationRequestId)]),
      ...(also.complaintId === undefined ? [] : [CASE_KEYS.complaint(also.complaintId)]),
      ...(also.responsibleFor === undefined
        ? []
        : [
            assignmentKey(also.responsibleFor.bodyId, 'body'),
            ...(also.responsibleFor.serviceCode === undefined ? [] : [assignmentKey(also.responsibleFor.bodyId, `service:${also.responsibleFor.serviceCode}`)]),
          ]),
    ];
    const items = await batchGetItems(pending);
    const bodies = new Map<string, Body>();
    const acceptances = new Map<string, Acceptance>();
    let informationRequest: InformationRequest | undefined;
    let complaint: Complaint | undefined;
    const stored = new Map<number, StoredCalendarYear>();
    const assignments: ResponsibleAssignment[] = [];
    for (const item of items) {
      if (item.entity === 'Body') {
        const body = toBody(item);
        bodies.set(body.id, body);
      } else if (item.entity === 'Acceptance') {
        const acceptance = toAcceptance(item);
        acceptances.set(acceptance.id, acceptance);
      } else if (item.entity === 'InformationRequest') {
        informationRequest = toInformationRequest(item);
      } else if (item.entity === 'Complaint') {
        complaint = toComplaint(item);
      } else if (item.entity === 'ResponsibleAssignment') {
        assignments.push(toAssignment(item));
      } else if (item.entity === 'CalendarYear') {
        const calendarYear = toStoredCalendarYear(item);
        stored.set(calendarYear.year, calendarYear);
      }
    }
    const calendarYears = years
      .map((y) => stored.get(y) ?? seedYear(y))
      .filter((y): y is StoredCalendarYear => y !== undefined);
    const ucc = uccId === undefined ? undefined : bodies.get(uccId);
    const qualityAuthority = authorityId === undefined ? undefined : bodies.get(authorityId);
    for (const own of [uccId, authorityId]) if (own !== undefined && !bodyIds.includes(own)) bodies.delete(own);
    return {
      bodies,
      ucc,
      qualityAuthority,
      complaint,
      acceptances,
      informationRequest,
      assignments,
      calendar: workingCalendarOf(calendarYears),
    };
  },
};
