import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import type { AppealView } from '#domain/appeals/appeal.ts';
import type { Discrepancy, QaTraining } from '#domain/authority/authority-cases.ts';
import type { StoredCalendarYear } from '#domain/calendar/calendar-port.ts';
import type { publicClient } from '#domain/clients/api-client.ts';
import type { MonitoredDeadline } from '#domain/deadlines/monitored-deadline.ts';
import type { Body } from '#domain/directory/body.ts';
import type { InformationUpdate } from '#domain/information/information-update.ts';
import type { Plan } from '#domain/plans/plan.ts';
import type { DomainEvent } from '#domain/ports.ts';
import type { Escalation } from '#domain/requests/escalation.ts';
import type { Rulebook } from '#domain/rulebook/rulebook.ts';
import type { StageEvent } from '#domain/stages/service-stage.ts';
import type { acceptanceView } from '#http/acceptance-view.ts';
import type { complaintView } from '#http/complaint-view.ts';
import type { informationRequestView } from '#http/information-request-view.ts';
import type { reportSummary } from '#http/report-params.ts';
import { RESPONSE_COMPONENTS, ROUTE_RESPONSES, type SuccessResponse } from '#http/response-schemas.ts';
import { ROUTES } from '#http/routes.ts';
import type { getCalendarRecalculation } from '#domain/deadlines/get-calendar-recalculation.ts';
import type { listCalendarYearAudit } from '#domain/calendar/list-calendar-year-audit.ts';
import type { calculateDeadline } from '#domain/calendar/calculate-deadline.ts';
import type { listWorkingDays } from '#domain/calendar/list-working-days.ts';
import type { listRulebooks } from '#domain/rulebook/list-rulebooks.ts';
import type { listBodies } from '#domain/directory/manage-bodies.ts';
import type { listBodyAudit } from '#domain/directory/list-body-audit.ts';
import type { appointResponsiblePerson } from '#domain/directory/appoint-responsible-person.ts';
import type { listResponsiblePersons } from '#domain/directory/list-responsible-persons.ts';
import type { complianceRanking, complianceRecord } from '#domain/directory/compliance-record.ts';
import type { lookUpApplication, recordStageBatch, recordStageEvent } from '#domain/stages/manage-service-stages.ts';
import type { listClients } from '#domain/clients/list-clients.ts';
import type { listClientAudit } from '#domain/clients/list-client-audit.ts';
import type { listPlans } from '#domain/plans/list-plans.ts';
import type { listAcceptanceEvents } from '#domain/acceptance/list-acceptance-events.ts';
import type { currentInformation, informationVersions, knowledgeBaseEntry, listUpdates } from '#domain/information/manage-information-updates.ts';
import type { listDeadlines } from '#domain/deadlines/list-deadlines.ts';
import type { listEscalations } from '#domain/requests/manage-information-requests.ts';
import type { listDiscrepancies, listTrainings } from '#domain/authority/list-authority-cases.ts';
import type { complaintViolationsOf } from '#domain/complaints/manage-complaints.ts';
import type { readAppealCounters, recordAppeal, recordAppealBatch } from '#domain/appeals/manage-appeals.ts';
import type { replaceCalendarYear } from '#domain/calendar/replace-calendar-year.ts';
import type { RouteName } from '#http/routes.ts';

/**
 * A type as JSON carries it: a member that may be undefined is one that may be absent, a
 * readonly list a list. Both sides are compared so (exactOptionalPropertyTypes tells `?: T`
 * from `?: T | undefined`, which JSON does not).
 */
type Jsonified<T> = T extends readonly (infer E)[]
  ? Jsonified<E>[]
  : T extends object
    ? { [K in keyof T as undefined extends T[K] ? never : K]: Jsonified<T[K]> } & { [K in keyof T as undefined extends T[K] ? K : never]?: Jsonified<Exclude<T[K], undefined>> }
    : T;
/** Compiles only when A is assignable to B (TypeScript's own check; assign one to the other to read why not). */
const extendsType = <A, B>(..._proof: [A] extends [B] ? [] : [never]): void => undefined;
/** What the route declares for a status, as JSON carries it. */
type Declared<N extends RouteName, S extends number = 200> = (typeof ROUTE_RESPONSES)[N] extends { readonly [K in S]: { readonly json: infer J extends z.ZodType } }
  ? Jsonified<z.output<J>>
  : never;
/** What a use-case resolves to, as JSON carries it. */
type Returned<F extends (...args: never[]) => unknown> = Jsonified<Awaited<ReturnType<F>>>;
type Shown<K extends keyof typeof RESPONSE_COMPONENTS> = Jsonified<z.output<(typeof RESPONSE_COMPONENTS)[K]>>;

describe('ROUTE_RESPONSES', () => {
  it('describes what the views and the domain return, both ways: a member renamed or dropped on either side does not compile', () => {
    // Assert (tsc, `npm run typecheck`): each view's type and its schema's output extend each other.
    extendsType<Jsonified<ReturnType<typeof acceptanceView>>, Shown<'Acceptance'>>();
    extendsType<Shown<'Acceptance'>, Jsonified<ReturnType<typeof acceptanceView>>>();
    extendsType<Jsonified<ReturnType<typeof complaintView>>, Shown<'Complaint'>>();
    extendsType<Shown<'Complaint'>, Jsonified<ReturnType<typeof complaintView>>>();
    extendsType<Jsonified<ReturnType<typeof informationRequestView>>, Shown<'InformationRequest'>>();
    extendsType<Shown<'InformationRequest'>, Jsonified<ReturnType<typeof informationRequestView>>>();
    extendsType<Jsonified<ReturnType<typeof publicClient>>, Shown<'Client'>>();
    extendsType<Shown<'Client'>, Jsonified<ReturnType<typeof publicClient>>>();
    extendsType<Jsonified<ReturnType<typeof reportSummary>>, Shown<'ReportSummary'>>();
    extendsType<Shown<'ReportSummary'>, Jsonified<ReturnType<typeof reportSummary>>>();
    extendsType<Jsonified<Body>, Shown<'Body'>>();
    extendsType<Shown<'Body'>, Jsonified<Body>>();
    extendsType<Jsonified<Plan>, Shown<'Plan'>>();
    extendsType<Shown<'Plan'>, Jsonified<Plan>>();
    extendsType<Jsonified<Discrepancy>, Shown<'Discrepancy'>>();
    extendsType<Shown<'Discrepancy'>, Jsonified<Discrepancy>>();
    extendsType<Jsonified<QaTraining>, Shown<'QaTraining'>>();
    extendsType<Shown<'QaTraining'>, Jsonified<QaTraining>>();
    extendsType<Jsonified<InformationUpdate>, Shown<'InformationUpdate'>>();
    extendsType<Shown<'InformationUpdate'>, Jsonified<InformationUpdate>>();
    extendsType<Jsonified<AppealView>, Shown<'Appeal'>>();
    extendsType<Shown<'Appeal'>, Jsonified<AppealView>>();
    extendsType<Jsonified<MonitoredDeadline>, Shown<'MonitoredDeadline'>>();
    extendsType<Shown<'MonitoredDeadline'>, Jsonified<MonitoredDeadline>>();
    extendsType<Jsonified<StoredCalendarYear>, Shown<'CalendarYear'>>();
    extendsType<Shown<'CalendarYear'>, Jsonified<StoredCalendarYear>>();
    extendsType<Jsonified<Escalation>, Shown<'Escalation'>>();
    extendsType<Shown<'Escalation'>, Jsonified<Escalation>>();
    extendsType<Jsonified<Rulebook>, Shown<'Rulebook'>>();
    extendsType<Shown<'Rulebook'>, Jsonified<Rulebook>>();
    extendsType<Jsonified<StageEvent>, Shown<'StageEvent'>>();
    extendsType<Shown<'StageEvent'>, Jsonified<StageEvent>>();
    extendsType<Jsonified<DomainEvent>, Shown<'AuditEvent'>>();
    extendsType<Shown<'AuditEvent'>, Jsonified<DomainEvent>>();
    // The operations' own bodies, from the use-case the handler answers with.
    extendsType<Returned<typeof getCalendarRecalculation>, Declared<'get-calendar-recalculation'>>();
    extendsType<Declared<'get-calendar-recalculation'>, Returned<typeof getCalendarRecalculation>>();
    extendsType<Returned<typeof replaceCalendarYear>, Declared<'put-calendar-year'>>();
    // The handler adds `recalculation` when dates changed (put-calendar-year.ts).
    extendsType<Omit<Declared<'put-calendar-year'>, 'recalculation'>, Returned<typeof replaceCalendarYear>>();
    extendsType<Returned<typeof listCalendarYearAudit>, Declared<'get-calendar-year-audit'>>();
    extendsType<Declared<'get-calendar-year-audit'>, Returned<typeof listCalendarYearAudit>>();
    extendsType<Returned<typeof calculateDeadline>, Declared<'get-deadline'>>();
    extendsType<Declared<'get-deadline'>, Returned<typeof calculateDeadline>>();
    extendsType<Returned<typeof listWorkingDays>, Declared<'get-working-days'>>();
    extendsType<Declared<'get-working-days'>, Returned<typeof listWorkingDays>>();
    extendsType<Returned<typeof listRulebooks>, Declared<'get-rulebooks'>>();
    extendsType<Declared<'get-rulebooks'>, Returned<typeof listRulebooks>>();
    extendsType<Returned<typeof listBodies>, Declared<'list-bodies'>>();
    extendsType<Declared<'list-bodies'>, Returned<typeof listBodies>>();
    extendsType<Returned<typeof listBodyAudit>, Declared<'get-body-audit'>>();
    extendsType<Declared<'get-body-audit'>, Returned<typeof listBodyAudit>>();
    extendsType<Omit<Returned<typeof appointResponsiblePerson>, 'appliedEvents'>, Declared<'post-responsible-person', 201>>();
    extendsType<Declared<'post-responsible-person', 201>, Omit<Returned<typeof appointResponsiblePerson>, 'appliedEvents'>>();
    extendsType<Returned<typeof listResponsiblePersons>, Declared<'get-responsible-persons'>>();
    extendsType<Declared<'get-responsible-persons'>, Returned<typeof listResponsiblePersons>>();
    extendsType<Returned<typeof complianceRecord>, Declared<'get-body-compliance'>>();
    extendsType<Declared<'get-body-compliance'>, Returned<typeof complianceRecord>>();
    extendsType<Returned<typeof complianceRanking>, Declared<'get-compliance-ranking'>>();
    extendsType<Declared<'get-compliance-ranking'>, Returned<typeof complianceRanking>>();
    extendsType<Returned<typeof recordStageEvent>, Declared<'post-service-stage', 201>>();
    extendsType<Declared<'post-service-stage', 201>, Returned<typeof recordStageEvent>>();
    extendsType<Returned<typeof recordStageBatch>, Declared<'post-service-stage-batch'>>();
    extendsType<Declared<'post-service-stage-batch'>, Returned<typeof recordStageBatch>>();
    extendsType<Returned<typeof lookUpApplication>, Declared<'get-service-application'>>();
    extendsType<Declared<'get-service-application'>, Returned<typeof lookUpApplication>>();
    extendsType<Returned<typeof listClients>, Declared<'list-clients'>>();
    extendsType<Declared<'list-clients'>, Returned<typeof listClients>>();
    extendsType<Returned<typeof listClientAudit>, Declared<'get-client-audit'>>();
    extendsType<Declared<'get-client-audit'>, Returned<typeof listClientAudit>>();
    extendsType<Returned<typeof listPlans>, Declared<'list-plans'>>();
    extendsType<Declared<'list-plans'>, Returned<typeof listPlans>>();
    extendsType<Returned<typeof listAcceptanceEvents>, Declared<'get-acceptance-events'>>();
    extendsType<Declared<'get-acceptance-events'>, Returned<typeof listAcceptanceEvents>>();
    // The knowledge base keeps a version's information as `unknown` (whatever was registered); the API declares it an object: one way only.
    extendsType<Declared<'get-knowledge-base-entry'>, Returned<typeof knowledgeBaseEntry>>();
    extendsType<Declared<'get-knowledge-base-information'>, Returned<typeof currentInformation>>();
    extendsType<Declared<'get-knowledge-base-versions'>, Returned<typeof informationVersions>>();
    extendsType<Returned<typeof listUpdates>, Declared<'list-information-updates'>>();
    extendsType<Declared<'list-information-updates'>, Returned<typeof listUpdates>>();
    extendsType<Returned<typeof listDeadlines>, Declared<'list-deadlines'>>();
    extendsType<Declared<'list-deadlines'>, Returned<typeof listDeadlines>>();
    extendsType<Returned<typeof listEscalations>, Declared<'list-escalations'>>();
    extendsType<Declared<'list-escalations'>, Returned<typeof listEscalations>>();
    extendsType<Returned<typeof listDiscrepancies>, Declared<'list-discrepancies'>>();
    extendsType<Declared<'list-discrepancies'>, Returned<typeof listDiscrepancies>>();
    extendsType<Returned<typeof listTrainings>, Declared<'list-qa-trainings'>>();
    extendsType<Declared<'list-qa-trainings'>, Returned<typeof listTrainings>>();
    extendsType<Returned<typeof complaintViolationsOf>, Declared<'get-complaint-violations'>>();
    extendsType<Declared<'get-complaint-violations'>, Returned<typeof complaintViolationsOf>>();
    extendsType<Returned<typeof recordAppeal>, Declared<'post-appeal', 201>>();
    extendsType<Declared<'post-appeal', 201>, Returned<typeof recordAppeal>>();
    extendsType<Returned<typeof recordAppealBatch>, Declared<'post-appeal-batch'>>();
    extendsType<Declared<'post-appeal-batch'>, Returned<typeof recordAppealBatch>>();
    extendsType<Returned<typeof readAppealCounters>, Declared<'get-appeal-counters'>>();
    extendsType<Declared<'get-appeal-counters'>, Returned<typeof readAppealCounters>>();
    // And at run time: one entry per route of the table.
    expect(Object.keys(ROUTE_RESPONSES).sort()).toEqual(ROUTES.map((route) => route.name).sort());
  });

  it('rejects a member no schema names (strict objects), except the OpenAPI document, an open map on purpose', () => {
    // Arrange
    const objectBodies = Object.entries(ROUTE_RESPONSES).flatMap(([name, responses]) =>
      (Object.values(responses) as SuccessResponse[]).filter((response) => response.json !== undefined).map((response) => ({ name, schema: response.json! })),
    );
    // Act: a valid-looking shape is not needed; an unknown member must be named among the issues.
    const lenient = objectBodies.filter(({ schema }) => {
      const result = schema.safeParse({ surelyNotAMember: 1 });
      return result.success || !result.error.issues.some((issue) => issue.code === 'unrecognized_keys' || (issue.code === 'invalid_union' && JSON.stringify(issue).includes('unrecognized_keys')));
    });
    // Assert
    expect(objectBodies.length).toBeGreaterThan(80);
    expect(lenient.map(({ name }) => name)).toEqual(['get-openapi']);
  });
});
