import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import type { StoredCalendarYear } from '#domain/calendar/calendar-store.ts';
import { seedYear, workingCalendarOf } from '#domain/calendar/load-calendar-years.ts';
import { toAlmatyDate } from '#domain/calendar/local-date.ts';
import type { Body } from '#domain/directory/body.ts';
import type { ContextReader } from '#domain/ports.ts';
import type { Acceptance } from '#domain/acceptance/acceptance.ts';
import type { ResponsibleAssignment } from '#domain/directory/responsible-person.ts';
import type { InformationRequest } from '#domain/requests/information-request.ts';
import { acceptanceKey, toAcceptance } from './acceptance-store.ts';
import { bodyKey, dynamoBodyStore, toBody } from './body-store.ts';
import { assignmentKey, assignmentKeysOfAcceptance, toAssignment } from './responsible-person-store.ts';
import { informationRequestKey, toInformationRequest } from './information-request-store.ts';
import { calendarYearKey, toStoredCalendarYear } from './calendar-store.ts';
import { dynamo, tableName } from './dynamo.ts';

/**
 * A command's context in one BatchGetItem (strongly consistent): its bodies, the UCC's record,
 * the stored calendar years around now, and the acceptance a step works on with the
 * responsible-person assignments of its service and body. Per warm container it keeps the UCC's
 * id (found by one Query the first time); the compiled calendar comes from workingCalendarOf,
 * kept by the versions of its years.
 */
let uccId: string | undefined;

export const dynamoContextReader: ContextReader = {
  async read(bodyIds, now, also = {}) {
    if (uccId === undefined) uccId = (await dynamoBodyStore.list({ kind: 'ucc', limit: 1 })).items[0]?.id;
    const year = Number(toAlmatyDate(now).slice(0, 4));
    const years = [year - 1, year, year + 1];
    const bodyKeys = [...new Set([...bodyIds, ...(uccId === undefined ? [] : [uccId])])].map(bodyKey);
    let pending: Record<string, unknown>[] = [
      ...bodyKeys,
      ...years.map((y) => calendarYearKey('KZ', y)),
      ...(also.acceptanceId === undefined ? [] : [acceptanceKey(also.acceptanceId), ...assignmentKeysOfAcceptance(also.acceptanceId)]),
      ...(also.informationRequestId === undefined ? [] : [informationRequestKey(also.informationRequestId)]),
      ...(also.responsibleFor === undefined
        ? []
        : [
            assignmentKey(also.responsibleFor.bodyId, 'body'),
            ...(also.responsibleFor.serviceCode === undefined ? [] : [assignmentKey(also.responsibleFor.bodyId, `service:${also.responsibleFor.serviceCode}`)]),
          ]),
    ];
    // BatchGetItem refuses a list with the same key twice.
    pending = [...new Map(pending.map((key) => [`${String(key.pk)}\n${String(key.sk)}`, key])).values()];
    const items: Record<string, unknown>[] = [];
    // BatchGetItem may hand back keys unprocessed (throttling, 16 MB): ask again for those.
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(20 * 2 ** attempt, 500)));
      const response = await dynamo().send(
        new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: pending, ConsistentRead: true } } }),
      );
      items.push(...(response.Responses?.[tableName()] ?? []));
      pending = (response.UnprocessedKeys?.[tableName()]?.Keys ?? []) as Record<string, unknown>[];
      if (attempt > 8 && pending.length > 0) throw new Error('context read kept returning unprocessed keys');
    }
    const bodies = new Map<string, Body>();
    let acceptance: Acceptance | undefined;
    let informationRequest: InformationRequest | undefined;
    const stored = new Map<number, StoredCalendarYear>();
    const assignments: ResponsibleAssignment[] = [];
    for (const item of items) {
      if (item.entity === 'Body') {
        const body = toBody(item);
        bodies.set(body.id, body);
      } else if (item.entity === 'Acceptance') {
        acceptance = toAcceptance(item);
      } else if (item.entity === 'InformationRequest') {
        informationRequest = toInformationRequest(item);
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
    if (uccId !== undefined && !bodyIds.includes(uccId)) bodies.delete(uccId);
    return {
      bodies,
      ...(ucc === undefined ? {} : { ucc }),
      ...(acceptance === undefined ? {} : { acceptance }),
      ...(informationRequest === undefined ? {} : { informationRequest }),
      assignments,
      calendar: workingCalendarOf(calendarYears),
    };
  },
};
