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
