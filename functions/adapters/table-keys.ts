import { serviceKey } from '#domain/directory/service-key.ts';

/**
 * Every key layout of the one table, in one place. infra/table-definition.ts declares the table
 * and its indexes (attribute names); this module says what goes into those attributes: each item's
 * `pk`/`sk`, its listing keys on gsi1/gsi2/gsi3, the sparse `due` and `pending` indexes, and the
 * partitions, prefixes and ranges the stores query. Stores build and parse keys only through it
 * (a guard test, test/unit/adapters/table-keys.test.ts, finds key literals anywhere else).
 *
 * The layout is stored data: a change here must still read every item written before it.
 * Every partition starts with a token of its own (BODY, ACCEPTANCE, …) followed by `#` or
 * nothing, so no two entities can meet on one key; the unit test checks the tokens are distinct.
 * Sort keys that end in `#<id>` let a range stop short of an exact bound (`<bound>#~` includes it).
 */

// A type, not an interface: it is assignable to the SDK's Record<string, unknown> keys.
export type TableKey = { pk: string; sk: string };

/** Sorts after every id character: `<x>#~` bounds a range at x, inclusive of every `<x>#<id>`. */
const AFTER_IDS = '~';

// ---------------------------------------------------------------------------------------------
// Generic listings: `<status>#<opened>#<id>` sort keys, a status filter is a key prefix.

/** The sort-key prefix of one status in a status-sorted listing (acceptances, cases, a body's deadlines). */
export const statusPrefix = (status: string): string => `${status}#`;

/** Everything due at `now` or earlier in a `<instant>#<id>` listing (`due` index): the upper bound. */
export const dueUpTo = (now: string): string => `${now}#${AFTER_IDS}`;

/** The token before a pk's first `#`: what kind of item it is, for logs (no ids, no personal data). */
export const partitionKind = (pk: unknown): string | undefined => (typeof pk === 'string' ? pk.split('#')[0] : undefined);

// ---------------------------------------------------------------------------------------------
// Bodies (§2): `BODY#<id>` / `BODY`. The body's partition also holds its responsible persons,
// compliance violations and facts (below), so its whole record is one Query.

const BODY_SK = 'BODY';

/** A body's item (GetItem, and the BatchGetItem of a command's context). */
export const bodyKey = (id: string): TableKey => ({ pk: bodyPartition(id), sk: BODY_SK });

/** A body's partition: the body, `RP#…` assignments, `VIOLATION#…`, `FACT#…`. */
export const bodyPartition = (id: string): string => `BODY#${id}`;

/** True for a body's own item among others read in one batch. */
export const isBodyItem = (item: { sk?: unknown }): boolean => item.sk === BODY_SK;

/** A body's listings: by kind on gsi1 (`BODIES#<kind>`), all on gsi2 (`BODIES`), both sorted by Russian name then id. */
export const bodyIndexKeys = (body: { id: string; kind: string; names: { ru: string } }) => {
  const sortKey = `${body.names.ru.toLocaleLowerCase('ru')}#${body.id}`;
  return { gsi1pk: bodyListPartition(body.kind), gsi1sk: sortKey, gsi2pk: bodyListPartition(undefined), gsi2sk: sortKey };
};

/** The listing partition of bodies of one kind (gsi1), or of all bodies (gsi2). */
export const bodyListPartition = (kind: string | undefined): string => (kind === undefined ? 'BODIES' : `BODIES#${kind}`);

// Responsible persons (§5, §7), in the body's partition: `RP#body` for the body-wide assignment,
// `RP#service#<service key>` per service (the key that also ends the service's acceptance id).

const SERVICE_SCOPE = 'service:';
const ASSIGNMENT_PREFIX = 'RP#';

/** An assignment, by its scope (`body` or `service:<code>`). */
export const assignmentKey = (bodyId: string, scope: string): TableKey => ({
  pk: bodyPartition(bodyId),
  sk: scope.startsWith(SERVICE_SCOPE) ? serviceAssignmentSortKey(serviceKey(scope.slice(SERVICE_SCOPE.length))) : `${ASSIGNMENT_PREFIX}${scope}`,
});

const serviceAssignmentSortKey = (key: string) => `${ASSIGNMENT_PREFIX}service#${key}`;

/**
 * The service assignment and the body-wide one of an acceptance, from its id alone
 * (`acc-<BIN>-<service key>`), so a step reads them in its one batched read; none for another id.
 */
export const assignmentKeysOfAcceptance = (acceptanceId: string): TableKey[] => {
  const match = /^acc-(\d{12})-([0-9a-f]{32})$/.exec(acceptanceId);
  if (match === null) return [];
  const [, bodyId, key] = match as unknown as [string, string, string];
  return [
    { pk: bodyPartition(bodyId), sk: serviceAssignmentSortKey(key) },
    { pk: bodyPartition(bodyId), sk: `${ASSIGNMENT_PREFIX}body` },
  ];
};

/** The sort-key prefix of every assignment in a body's partition (one Query). */
export const ASSIGNMENTS_PREFIX = ASSIGNMENT_PREFIX;

// Compliance (§21), in the body's partition.

const VIOLATION_PREFIX = 'VIOLATION#';
const FACT_PREFIX = 'FACT#';

/** A compliance violation: `VIOLATION#<at>#<violationId>`, written once by the effects. */
export const violationKey = (bodyId: string, occurredAt: string, violationId: string): TableKey => ({
  pk: bodyPartition(bodyId),
  sk: `${VIOLATION_PREFIX}${occurredAt}#${violationId}`,
});

/** The sort-key prefix of a body's violations (one Query). */
export const VIOLATIONS_PREFIX = VIOLATION_PREFIX;

const FACTS_PARTITION = 'FACTS';

/**
 * A compliance fact: `FACT#<at>#<factId>` in the body's partition (a body's record for a period is
 * one range Query), and on gsi2 `FACTS` / `<at>#<bodyId>#<factId>` (all bodies ranked: one range Query).
 */
export const factKey = (fact: { bodyId: string; at: string; factId: string }) => ({
  pk: bodyPartition(fact.bodyId),
  sk: `${FACT_PREFIX}${fact.at}#${fact.factId}`,
  gsi2pk: FACTS_PARTITION,
  gsi2sk: `${fact.at}#${fact.bodyId}#${fact.factId}`,
});

/** A body's facts from `from` to `to` (instants; the caller drops those at `to`): a range of its partition. */
export const bodyFactsRange = (bodyId: string, from: string, to: string) => ({ pk: bodyPartition(bodyId), low: `${FACT_PREFIX}${from}`, high: `${FACT_PREFIX}${to}` });

/** Every body's facts from `from` to `to`: a range of gsi2's `FACTS` partition. */
export const allFactsRange = (from: string, to: string) => ({ pk: FACTS_PARTITION, low: from, high: to });

// ---------------------------------------------------------------------------------------------
// The UCC knowledge base (§5): one partition per body and service, one item per version.

/** An entry's partition: `KB#<bodyId>#<serviceCode>` (every version, newest first, is one Query). */
export const knowledgeBasePartition = (bodyId: string, serviceCode: string): string => `KB#${bodyId}#${serviceCode}`;

/** One version of an entry: `VERSION#<0001>`. */
export const knowledgeBaseKey = (bodyId: string, serviceCode: string, version: number): TableKey => ({
  pk: knowledgeBasePartition(bodyId, serviceCode),
  sk: `VERSION#${String(version).padStart(4, '0')}`,
});

// ---------------------------------------------------------------------------------------------
// API clients: `CLIENT#<id>` / `CLIENT` (status and key hashes), listed on gsi1 (`CLIENTS`).
// `APIKEY#<hash>` / `APIKEY` only maps a key's hash to its client (the authorizer's GetItem).

const CLIENTS_PARTITION = 'CLIENTS';

/** A client's item. */
export const clientKey = (id: string): TableKey => ({ pk: `CLIENT#${id}`, sk: 'CLIENT' });

/** The index entry of one key hash. */
export const apiKeyIndexKey = (hash: string): TableKey => ({ pk: `APIKEY#${hash}`, sk: 'APIKEY' });

/** A client's listing on gsi1: `CLIENTS` / `<createdAt>#<id>`. */
export const clientIndexKeys = (client: { id: string; createdAt: string }) => ({ gsi1pk: CLIENTS_PARTITION, gsi1sk: `${client.createdAt}#${client.id}` });

/** The gsi1 partition listing every client. */
export const clientListPartition = (): string => CLIENTS_PARTITION;

// ---------------------------------------------------------------------------------------------
// Plan-schedules (§3): `PLAN#<id>` / `PLAN`, newest first by status on gsi1 (`PLANS#<status>`)
// and all together on gsi2 (`PLANS`), both sorted `<createdAt>#<id>`.

/** A plan's item. */
export const planKey = (id: string): TableKey => ({ pk: `PLAN#${id}`, sk: 'PLAN' });

/** A plan's listings (also recomputed by the reindex for plans written before gsi2). */
export const planIndexKeys = (plan: { id: string; status: string; createdAt: string }) => {
  const sortKey = `${plan.createdAt}#${plan.id}`;
  return { gsi1pk: planListPartition(plan.status), gsi1sk: sortKey, gsi2pk: planListPartition(undefined), gsi2sk: sortKey };
};

/** Plans of one status (gsi1), or all plans (gsi2). */
export const planListPartition = (status: string | undefined): string => (status === undefined ? 'PLANS' : `PLANS#${status}`);

// ---------------------------------------------------------------------------------------------
// Acceptances (§4–§9): `ACCEPTANCE#<id>` / `ACCEPTANCE`; per body on gsi1 (`ACCEPTANCES#<bodyId>`)
// and all on gsi2 (`ACCEPTANCES`), both `<status>#<openedAt>#<id>`. While one has an open
// deadline it is also in two sparse listings by next due time, `<nextDueAt>#<id>`: per body on
// gsi3 (`ACCEPTANCES_DUE#<bodyId>`) and all on `due` (`ACCEPTANCES_DUE`, beside the deadlines').

const ACCEPTANCES_DUE = 'ACCEPTANCES_DUE';

/** An acceptance's item. */
export const acceptanceKey = (id: string): TableKey => ({ pk: `ACCEPTANCE#${id}`, sk: 'ACCEPTANCE' });

/** An acceptance's listings (also recomputed by the reindex for items written before gsi3/due). */
export const acceptanceIndexKeys = (state: { id: string; bodyId: string; status: string; openedAt: string; nextDueAt?: string | undefined }) => {
  const sortKey = `${state.status}#${state.openedAt}#${state.id}`;
  const due = state.nextDueAt === undefined ? undefined : `${state.nextDueAt}#${state.id}`;
  return {
    gsi1pk: acceptanceListPartition(state.bodyId),
    gsi1sk: sortKey,
    gsi2pk: acceptanceListPartition(undefined),
    gsi2sk: sortKey,
    ...(due === undefined ? {} : { gsi3pk: acceptanceDuePartition(state.bodyId), gsi3sk: due, duePk: acceptanceDuePartition(undefined), dueSk: due }),
  };
};

/** A body's acceptances (gsi1), or all (gsi2). */
export const acceptanceListPartition = (bodyId: string | undefined): string => (bodyId === undefined ? 'ACCEPTANCES' : `ACCEPTANCES#${bodyId}`);

/** A body's acceptances with an open deadline (gsi3), or all of them (`due`). */
export const acceptanceDuePartition = (bodyId: string | undefined): string => (bodyId === undefined ? ACCEPTANCES_DUE : `${ACCEPTANCES_DUE}#${bodyId}`);

/** Overdue at `now`: next due times start with a digit; the `#<id>` suffix keeps a key at exactly now out. */
export const overdueRange = (now: string) => ({ low: '0', high: now });

// ---------------------------------------------------------------------------------------------
// Cases with a status, a body and an opening time (adapters/case-store.ts): `<PREFIX>#<id>` /
// `<PREFIX>`; per body on gsi1 (`<PREFIX>S#<bodyId>`) and all on gsi2 (`<PREFIX>S`), both sorted
// `<status>#<opened>#<id>`, newest first.

/** The case kinds and their tokens: §10 requests, §20 discrepancies, §19 trainings, §6 updates, §17 complaints, §13–§14/§18 report periods. */
export const CASE_PREFIXES = {
  informationRequest: 'REQUEST',
  discrepancy: 'DISCREPANCY',
  qaTraining: 'QATRAINING',
  informationUpdate: 'INFOUPDATE',
  complaint: 'COMPLAINT',
  reportPeriod: 'REPORTPERIOD',
} as const;
export type CasePrefix = (typeof CASE_PREFIXES)[keyof typeof CASE_PREFIXES];

/** A case's item. */
export const caseKey = (prefix: CasePrefix, id: string): TableKey => ({ pk: `${prefix}#${id}`, sk: prefix });

/** A case's listings. */
export const caseIndexKeys = (prefix: CasePrefix, state: { bodyId: string; status: string; opened: string; id: string }) => {
  const sortKey = `${state.status}#${state.opened}#${state.id}`;
  return { gsi1pk: caseListPartition(prefix, state.bodyId), gsi1sk: sortKey, gsi2pk: caseListPartition(prefix, undefined), gsi2sk: sortKey };
};

/** A body's cases of one kind (gsi1), or all of that kind (gsi2). */
export const caseListPartition = (prefix: CasePrefix, bodyId: string | undefined): string => (bodyId === undefined ? `${prefix}S` : `${prefix}S#${bodyId}`);

/** A complaint's opening in its sort key: `<registeredOn>#<receivedAt>`, so a month of registration is a range. */
export const complaintOpened = (complaint: { registeredOn: string; receivedAt: string }): string => `${complaint.registeredOn}#${complaint.receivedAt}`;

/** Complaints of one status registered in a month (`YYYY-MM`): '~' sorts after every digit and '-'. */
export const complaintMonthRange = (status: string, month: string) => ({ low: `${status}#${month}-`, high: `${status}#${month}-${AFTER_IDS}` });

/** A violation of a review period (§18): `COMPLAINTVIOLATIONS#<YYYY-MM>` / `<complaint id>`, one partition per month. */
export const complaintViolationKey = (violation: { month: string; complaintId: string }): TableKey => ({
  pk: complaintViolationPartition(violation.month),
  sk: violation.complaintId,
});

/** A month's violations of the review periods (one Query). */
export const complaintViolationPartition = (month: string): string => `COMPLAINTVIOLATIONS#${month}`;

// ---------------------------------------------------------------------------------------------
// §12 escalations, one per body and month: `ESCALATION#<bodyId>#<YYYY-MM>` / `ESCALATION` (the
// key itself makes a second one impossible); gsi1 `ESCALATIONS#<bodyId>` / `<month>`, gsi2
// `ESCALATIONS` / `<month>#<bodyId>`: newest month first.

/** An escalation's item. */
export const escalationKey = (bodyId: string, month: string): TableKey => ({ pk: `ESCALATION#${bodyId}#${month}`, sk: 'ESCALATION' });

/** An escalation's listings. */
export const escalationIndexKeys = (escalation: { bodyId: string; month: string }) => ({
  gsi1pk: escalationListPartition(escalation.bodyId),
  gsi1sk: escalation.month,
  gsi2pk: escalationListPartition(undefined),
  gsi2sk: `${escalation.month}#${escalation.bodyId}`,
});

/** A body's escalations (gsi1), or all (gsi2). */
export const escalationListPartition = (bodyId: string | undefined): string => (bodyId === undefined ? 'ESCALATIONS' : `ESCALATIONS#${bodyId}`);

/** One month in a listing: the whole sort key in a body's (gsi1), a prefix in all (gsi2). */
export const escalationMonthKey = (month: string, byBody: boolean): string => (byBody ? month : `${month}#`);

// ---------------------------------------------------------------------------------------------
// Monitored deadlines: `DEADLINE#<id>` / `DEADLINE` (a close that overtakes the open leaves a
// tombstone on the same key).
// - `due` (sparse): `DUE` / `<next notice, UTC ISO>#<id>` while a notice is pending;
// - gsi1: `DEADLINES#<bodyId>` / `<status>#<listed due>#<id>` (a body's dashboard);
// - gsi2: `DEADLINES#<status>` / `<listed due>#<id>` (the operators' dashboard, calendar changes).
// The listed due time is `dueAt`, or `!<dueAt>` for an open deadline whose breach is recorded:
// '!' sorts before every date, so the breached lead the open list and every overdue list is a
// key range (a recorded breach stays overdue whatever the clock says, §21), never a filter.

const DEADLINES_DUE = 'DUE';
const BREACHED = '!';

/** A deadline's item (or its tombstone). */
export const deadlineKey = (id: string): TableKey => ({ pk: `DEADLINE#${id}`, sk: 'DEADLINE' });

/** The `due` partition of deadlines with a notice pending (the sweep's Query). */
export const deadlineDuePartition = (): string => DEADLINES_DUE;

/** A deadline's listings; `nextNotice` (an instant) puts it in the sparse `due` index. */
export const deadlineIndexKeys = (deadline: { id: string; bodyId: string; status: string; dueAt: string; breached: boolean; nextNotice?: string | undefined }) => {
  const listed = deadline.status === 'open' && deadline.breached ? `${BREACHED}${deadline.dueAt}` : deadline.dueAt;
  return {
    gsi1pk: deadlineBodyPartition(deadline.bodyId),
    gsi1sk: `${deadline.status}#${listed}#${deadline.id}`,
    gsi2pk: deadlineStatusPartition(deadline.status),
    gsi2sk: `${listed}#${deadline.id}`,
    ...(deadline.nextNotice === undefined ? {} : { duePk: DEADLINES_DUE, dueSk: `${deadline.nextNotice}#${deadline.id}` }),
  };
};

/** A body's deadlines of every status (gsi1). */
export const deadlineBodyPartition = (bodyId: string): string => `DEADLINES#${bodyId}`;

/** All deadlines of one status (gsi2). */
export const deadlineStatusPartition = (status: string): string => `DEADLINES#${status}`;

/**
 * The sort-key ranges of a deadline listing, in the order read. Bounds are due times: `dueFrom`
 * inclusive, `dueBefore` exclusive (every sort key ends in `#<id>`, so `BETWEEN … AND <before>`
 * stops short of a key at exactly <before>). A body's listing (gsi1) prefixes the status. Open
 * deadlines: the breached first, then the rest; `overdueAt` takes every breach and what is past due.
 */
export function deadlineListingRanges(
  q: { dueFrom?: string | undefined; dueBefore?: string | undefined; overdueAt?: string | undefined },
  status: string,
  byBody: boolean,
): { low: string; high: string }[] {
  const prefix = byBody ? statusPrefix(status) : '';
  const before = q.overdueAt !== undefined && (q.dueBefore === undefined || q.overdueAt < q.dueBefore) ? q.overdueAt : q.dueBefore;
  // Dates start with a digit: '0' … '~' holds every unbreached due time and nothing breached.
  const unbreached = { low: `${prefix}${q.dueFrom ?? '0'}`, high: `${prefix}${before ?? AFTER_IDS}` };
  if (status !== 'open') return [unbreached];
  const breached = { low: `${prefix}${BREACHED}${q.overdueAt === undefined ? (q.dueFrom ?? '') : ''}`, high: `${prefix}${BREACHED}${q.dueBefore ?? AFTER_IDS}` };
  return [breached, unbreached];
}

// ---------------------------------------------------------------------------------------------
// One-time schedules of the local stack (adapters/deadline-scheduler.ts): `SCHEDULE#<name>` /
// `SCHEDULE`, in the `due` index under `SCHEDULE` / `<at>#<name>` for the local runner.

const SCHEDULE = 'SCHEDULE';

/** A local schedule's item, by its scheduler name. */
export const scheduleKey = (name: string): TableKey => ({ pk: `${SCHEDULE}#${name}`, sk: SCHEDULE });

/** A local schedule's place in the `due` index. */
export const scheduleDueKeys = (name: string, at: string) => ({ duePk: SCHEDULE, dueSk: `${at}#${name}` });

/** The `due` partition the local schedule runner reads. */
export const scheduleDuePartition = (): string => SCHEDULE;

/** True for a key of a local schedule (the bench counts its writes apart). */
export const isScheduleKey = (pk: unknown): boolean => typeof pk === 'string' && pk.startsWith(`${SCHEDULE}#`);

// ---------------------------------------------------------------------------------------------
// Calendar recalculations: `RECALC#<id>` / `RECALC`; per year on gsi1 (`RECALCS#<year>` /
// `<startedAt>#<id>`), newest last.

/** A recalculation's item. */
export const recalculationKey = (id: string): TableKey => ({ pk: `RECALC#${id}`, sk: 'RECALC' });

/** A recalculation's listing by year. */
export const recalculationIndexKeys = (recalculation: { id: string; year: number; startedAt: string }) => ({
  gsi1pk: recalculationListPartition(recalculation.year),
  gsi1sk: `${recalculation.startedAt}#${recalculation.id}`,
});

/** A year's recalculations (gsi1). */
export const recalculationListPartition = (year: number): string => `RECALCS#${year}`;

// ---------------------------------------------------------------------------------------------
// Calendar years: one item per year in partition `CALENDAR#<country>` / `YEAR#<year>` (a whole
// calendar is one Query).

/** A stored calendar year. */
export const calendarYearKey = (country: string, year: number): TableKey => ({ pk: calendarPartition(country), sk: `${CALENDAR_YEAR_PREFIX}${year}` });

/** A country's calendar: every stored year. */
export const calendarPartition = (country: string): string => `CALENDAR#${country}`;

/** The sort-key prefix of the years in a calendar's partition. */
export const CALENDAR_YEAR_PREFIX = 'YEAR#';

// ---------------------------------------------------------------------------------------------
// The audit log: one partition per aggregate, `AUDIT#<type>#<id>` / `<at>#<eventId>`, oldest first.

/** One event in its aggregate's audit log. */
export const auditKey = (event: { aggregateType: string; aggregateId: string; at: string; eventId: string }): TableKey => ({
  pk: auditPartition(event.aggregateType, event.aggregateId),
  sk: `${event.at}#${event.eventId}`,
});

/** An aggregate's audit log (one Query). */
export const auditPartition = (aggregateType: string, aggregateId: string): string => `AUDIT#${aggregateType}#${aggregateId}`;

// ---------------------------------------------------------------------------------------------
// Pending work (adapters/pending-work.ts): an item with unfinished effects is marked in the sparse
// `pending` index, `PENDING` / `<at>#<pk>#<sk>`, oldest first.

const PENDING = 'PENDING';

/** The pending index's one partition. */
export const pendingPartition = (): string => PENDING;

/** The marks of an item with pending work, written with it. */
export const pendingMarks = (key: TableKey, at: string) => ({ pendingPk: PENDING, pendingSk: `${at}#${key.pk}#${key.sk}` });

// ---------------------------------------------------------------------------------------------
// The mail ledger: `MAIL#<messageId>` / `MAIL`, one record per message (sent at most once).

/** A message's ledger record. */
export const mailKey = (messageId: string): TableKey => ({ pk: `MAIL#${messageId}`, sk: 'MAIL' });

// ---------------------------------------------------------------------------------------------
// Idempotency records: `IDEMPOTENCY#<clientId>` / `<route key>#<Idempotency-Key>`, scoped to the
// API client and the route, so one client's key never meets another's.

/** The record of one Idempotency-Key. */
export const idempotencyKey = (context: { clientId: string; routeKey: string; key: string }): TableKey => ({
  pk: `IDEMPOTENCY#${context.clientId}`,
  sk: `${context.routeKey}#${context.key}`,
});

// ---------------------------------------------------------------------------------------------
// §13 appeals and their §14 counters (adapters/appeal-store.ts).

const APPEAL_SK = 'APPEAL';

/** An appeal: `APPEAL#<id>` / `APPEAL` (the client-supplied id is its identity). */
export const appealKey = (id: string): TableKey => ({ pk: `APPEAL#${id}`, sk: APPEAL_SK });

/** True for an appeal's item among others read in one batch. */
export const isAppealItem = (item: { sk?: unknown }): boolean => item.sk === APPEAL_SK;

/** A push's counting record: `APPEALBATCH#<batchId>` / `BATCH`. */
export const appealBatchKey = (batchId: string): TableKey => ({ pk: `APPEALBATCH#${batchId}`, sk: 'BATCH' });

/** One shard of a quarter's counters: `APPEALCOUNT#<quarter>#<shard>` / `COUNTS` (a partition per shard spreads hot writes). */
export const appealCounterKey = (quarter: string, shard: number): TableKey => ({ pk: `APPEALCOUNT#${quarter}#${shard}`, sk: 'COUNTS' });

// ---------------------------------------------------------------------------------------------
// §16 service stages: one partition per application, `SERVICEAPP#<bodyId>#<applicationNumber>`,
// holding `APPLICATION` and one `STAGE#<stage event id>` per event (sorted as the domain orders
// events, so the latest are one Query read backwards).

const APPLICATION_SK = 'APPLICATION';

/** An application's partition. */
export const applicationPartition = (bodyId: string, applicationNumber: string): string => `SERVICEAPP#${bodyId}#${applicationNumber}`;

/** An application's own item. */
export const applicationKey = (bodyId: string, applicationNumber: string): TableKey => ({ pk: applicationPartition(bodyId, applicationNumber), sk: APPLICATION_SK });

/** True for an application's own item among others read in one batch. */
export const isApplicationItem = (item: { sk?: unknown }): boolean => item.sk === APPLICATION_SK;

/** One stage event of an application, by its id (stageEventId). */
export const stageEventKey = (bodyId: string, applicationNumber: string, stageEventId: string): TableKey => ({
  pk: applicationPartition(bodyId, applicationNumber),
  sk: `${STAGE_EVENTS_PREFIX}${stageEventId}`,
});

/** The sort-key prefix of an application's stage events. */
export const STAGE_EVENTS_PREFIX = 'STAGE#';

// ---------------------------------------------------------------------------------------------
// Reports (issue 15): versions `REPORT#<type>#<period>` / `V#<000001>` (files in S3), listed by
// type on gsi1 (`REPORTS#<type>` / `<period>#<version>`); deliveries `REPORTDELIVERY#<type>#<period>`
// / `DELIVERY` (the claim of one period) and `REPORTDELIVERY#<type>` / `LAST` (the last delivered).

const padVersion = (version: number) => String(version).padStart(6, '0');

/** One version of a report. */
export const reportVersionKey = (type: string, period: string, version: number): TableKey => ({
  pk: reportVersionsPartition(type, period),
  sk: `${REPORT_VERSION_PREFIX}${padVersion(version)}`,
});

/** Every version of a report of one period (newest first: one Query backwards). */
export const reportVersionsPartition = (type: string, period: string): string => `REPORT#${type}#${period}`;

/** The sort-key prefix of the versions in a report's partition. */
export const REPORT_VERSION_PREFIX = 'V#';

/** A version's listing by type. */
export const reportVersionIndexKeys = (version: { type: string; period: string; version: number }) => ({
  gsi1pk: reportTypePartition(version.type),
  gsi1sk: `${version.period}#${padVersion(version.version)}`,
});

/** Every version of every period of a type (gsi1). */
export const reportTypePartition = (type: string): string => `REPORTS#${type}`;

/** The delivery claim of one period. */
export const reportClaimKey = (type: string, period: string): TableKey => ({ pk: `REPORTDELIVERY#${type}#${period}`, sk: 'DELIVERY' });

/** The mark of the last period delivered. */
export const reportLastDeliveredKey = (type: string): TableKey => ({ pk: `REPORTDELIVERY#${type}`, sk: 'LAST' });

// ---------------------------------------------------------------------------------------------
// Documents stored before the documents bucket: `DOC#<sha256>` / `META` and `CHUNK#<n>` (read only).

/** A legacy document's partition. */
export const legacyDocumentPartition = (sha256: string): string => `DOC#${sha256}`;

/** True for a legacy document's metadata item. */
export const isLegacyDocumentMeta = (item: { sk?: unknown }): boolean => item.sk === 'META';

/** True for one of a legacy document's chunks. */
export const isLegacyDocumentChunk = (item: { sk?: unknown }): boolean => String(item.sk).startsWith('CHUNK#');

// ---------------------------------------------------------------------------------------------

/** The health check's probe: a GetItem of a key nothing writes (`GET /v1/health`). */
export const healthProbeKey = (): TableKey => ({ pk: 'HEALTH', sk: 'HEALTH' });
