import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as keys from '#adapters/table-keys.ts';
import { serviceKey } from '#domain/directory/service-key.ts';

const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');
const BODY = '100000000001';
const ACC = `acc-${BODY}-${serviceKey('00301001')}`;

/**
 * Every export of the module with what it gives for sample inputs, as stored today: these strings
 * are the table's data, so a change here means items written before no longer read.
 */
const LAYOUTS: Record<keyof typeof keys, { actual: unknown; stored: unknown }> = {
  statusPrefix: { actual: keys.statusPrefix('open'), stored: 'open#' },
  dueUpTo: { actual: keys.dueUpTo('2026-03-20T04:00:00.000Z'), stored: '2026-03-20T04:00:00.000Z#~' },
  partitionKind: { actual: [keys.partitionKind('BODY#1'), keys.partitionKind('HEALTH'), keys.partitionKind(undefined)], stored: ['BODY', 'HEALTH', undefined] },
  bodyKey: { actual: keys.bodyKey(BODY), stored: { pk: `BODY#${BODY}`, sk: 'BODY' } },
  bodyPartition: { actual: keys.bodyPartition(BODY), stored: `BODY#${BODY}` },
  isBodyItem: { actual: [keys.isBodyItem({ sk: 'BODY' }), keys.isBodyItem({ sk: 'RP#body' })], stored: [true, false] },
  bodyIndexKeys: {
    actual: keys.bodyIndexKeys({ id: BODY, kind: 'akimat', names: { ru: 'Акимат Г. Алматы' } }),
    stored: { gsi1pk: 'BODIES#akimat', gsi1sk: `акимат г. алматы#${BODY}`, gsi2pk: 'BODIES', gsi2sk: `акимат г. алматы#${BODY}` },
  },
  bodyListPartition: { actual: [keys.bodyListPartition('ucc'), keys.bodyListPartition(undefined)], stored: ['BODIES#ucc', 'BODIES'] },
  assignmentKey: {
    actual: [keys.assignmentKey(BODY, 'body'), keys.assignmentKey(BODY, 'service:00301001')],
    stored: [
      { pk: `BODY#${BODY}`, sk: 'RP#body' },
      { pk: `BODY#${BODY}`, sk: `RP#service#${serviceKey('00301001')}` },
    ],
  },
  assignmentKeysOfAcceptance: {
    actual: [keys.assignmentKeysOfAcceptance(ACC), keys.assignmentKeysOfAcceptance('req-1')],
    stored: [[keys.assignmentKey(BODY, 'service:00301001'), keys.assignmentKey(BODY, 'body')], []],
  },
  ASSIGNMENTS_PREFIX: { actual: keys.ASSIGNMENTS_PREFIX, stored: 'RP#' },
  violationKey: { actual: keys.violationKey(BODY, '2026-03-20T04:00:00.000Z', 'v1'), stored: { pk: `BODY#${BODY}`, sk: 'VIOLATION#2026-03-20T04:00:00.000Z#v1' } },
  VIOLATIONS_PREFIX: { actual: keys.VIOLATIONS_PREFIX, stored: 'VIOLATION#' },
  factKey: {
    actual: keys.factKey({ bodyId: BODY, at: '2026-03-20T04:00:00.000Z', factId: 'f1' }),
    stored: { pk: `BODY#${BODY}`, sk: 'FACT#2026-03-20T04:00:00.000Z#f1', gsi2pk: 'FACTS', gsi2sk: `2026-03-20T04:00:00.000Z#${BODY}#f1` },
  },
  bodyFactsRange: { actual: keys.bodyFactsRange(BODY, 'a', 'b'), stored: { pk: `BODY#${BODY}`, low: 'FACT#a', high: 'FACT#b' } },
  allFactsRange: { actual: keys.allFactsRange('a', 'b'), stored: { pk: 'FACTS', low: 'a', high: 'b' } },
  knowledgeBasePartition: { actual: keys.knowledgeBasePartition(BODY, '00301001'), stored: `KB#${BODY}#00301001` },
  knowledgeBaseKey: { actual: keys.knowledgeBaseKey(BODY, '00301001', 7), stored: { pk: `KB#${BODY}#00301001`, sk: 'VERSION#0007' } },
  clientKey: { actual: keys.clientKey('c1'), stored: { pk: 'CLIENT#c1', sk: 'CLIENT' } },
  apiKeyIndexKey: { actual: keys.apiKeyIndexKey('h1'), stored: { pk: 'APIKEY#h1', sk: 'APIKEY' } },
  clientIndexKeys: { actual: keys.clientIndexKeys({ id: 'c1', createdAt: 't' }), stored: { gsi1pk: 'CLIENTS', gsi1sk: 't#c1' } },
  clientListPartition: { actual: keys.clientListPartition(), stored: 'CLIENTS' },
  planKey: { actual: keys.planKey('p1'), stored: { pk: 'PLAN#p1', sk: 'PLAN' } },
  planIndexKeys: { actual: keys.planIndexKeys({ id: 'p1', status: 'draft', createdAt: 't' }), stored: { gsi1pk: 'PLANS#draft', gsi1sk: 't#p1', gsi2pk: 'PLANS', gsi2sk: 't#p1' } },
  planListPartition: { actual: [keys.planListPartition('approved'), keys.planListPartition(undefined)], stored: ['PLANS#approved', 'PLANS'] },
  acceptanceKey: { actual: keys.acceptanceKey('a1'), stored: { pk: 'ACCEPTANCE#a1', sk: 'ACCEPTANCE' } },
  acceptanceIndexKeys: {
    actual: [
      keys.acceptanceIndexKeys({ id: 'a1', bodyId: BODY, status: 'requested', openedAt: 'o' }),
      keys.acceptanceIndexKeys({ id: 'a1', bodyId: BODY, status: 'requested', openedAt: 'o', nextDueAt: 'd' }),
    ],
    stored: [
      { gsi1pk: `ACCEPTANCES#${BODY}`, gsi1sk: 'requested#o#a1', gsi2pk: 'ACCEPTANCES', gsi2sk: 'requested#o#a1' },
      {
        gsi1pk: `ACCEPTANCES#${BODY}`, gsi1sk: 'requested#o#a1', gsi2pk: 'ACCEPTANCES', gsi2sk: 'requested#o#a1',
        gsi3pk: `ACCEPTANCES_DUE#${BODY}`, gsi3sk: 'd#a1', duePk: 'ACCEPTANCES_DUE', dueSk: 'd#a1',
      },
    ],
  },
  acceptanceListPartition: { actual: [keys.acceptanceListPartition(BODY), keys.acceptanceListPartition(undefined)], stored: [`ACCEPTANCES#${BODY}`, 'ACCEPTANCES'] },
  acceptanceDuePartition: { actual: [keys.acceptanceDuePartition(BODY), keys.acceptanceDuePartition(undefined)], stored: [`ACCEPTANCES_DUE#${BODY}`, 'ACCEPTANCES_DUE'] },
  overdueRange: { actual: keys.overdueRange('n'), stored: { low: '0', high: 'n' } },
  CASE_PREFIXES: {
    actual: keys.CASE_PREFIXES,
    stored: { informationRequest: 'REQUEST', discrepancy: 'DISCREPANCY', qaTraining: 'QATRAINING', informationUpdate: 'INFOUPDATE', complaint: 'COMPLAINT', reportPeriod: 'REPORTPERIOD' },
  },
  caseKey: { actual: keys.caseKey('REQUEST', 'r1'), stored: { pk: 'REQUEST#r1', sk: 'REQUEST' } },
  caseIndexKeys: {
    actual: keys.caseIndexKeys('DISCREPANCY', { bodyId: BODY, status: 'open', opened: 'o', id: 'd1' }),
    stored: { gsi1pk: `DISCREPANCYS#${BODY}`, gsi1sk: 'open#o#d1', gsi2pk: 'DISCREPANCYS', gsi2sk: 'open#o#d1' },
  },
  caseListPartition: { actual: [keys.caseListPartition('INFOUPDATE', BODY), keys.caseListPartition('QATRAINING', undefined)], stored: [`INFOUPDATES#${BODY}`, 'QATRAININGS'] },
  complaintOpened: { actual: keys.complaintOpened({ registeredOn: '2026-03-20', receivedAt: 't' }), stored: '2026-03-20#t' },
  complaintMonthRange: { actual: keys.complaintMonthRange('registered', '2026-03'), stored: { low: 'registered#2026-03-', high: 'registered#2026-03-~' } },
  complaintViolationKey: { actual: keys.complaintViolationKey({ month: '2026-03', complaintId: 'cmp-1' }), stored: { pk: 'COMPLAINTVIOLATIONS#2026-03', sk: 'cmp-1' } },
  complaintViolationPartition: { actual: keys.complaintViolationPartition('2026-03'), stored: 'COMPLAINTVIOLATIONS#2026-03' },
  escalationKey: { actual: keys.escalationKey(BODY, '2026-03'), stored: { pk: `ESCALATION#${BODY}#2026-03`, sk: 'ESCALATION' } },
  escalationIndexKeys: {
    actual: keys.escalationIndexKeys({ bodyId: BODY, month: '2026-03' }),
    stored: { gsi1pk: `ESCALATIONS#${BODY}`, gsi1sk: '2026-03', gsi2pk: 'ESCALATIONS', gsi2sk: `2026-03#${BODY}` },
  },
  escalationListPartition: { actual: [keys.escalationListPartition(BODY), keys.escalationListPartition(undefined)], stored: [`ESCALATIONS#${BODY}`, 'ESCALATIONS'] },
  escalationMonthKey: { actual: [keys.escalationMonthKey('2026-03', true), keys.escalationMonthKey('2026-03', false)], stored: ['2026-03', '2026-03#'] },
  deadlineKey: { actual: keys.deadlineKey('d1'), stored: { pk: 'DEADLINE#d1', sk: 'DEADLINE' } },
  deadlineDuePartition: { actual: keys.deadlineDuePartition(), stored: 'DUE' },
  deadlineIndexKeys: {
    actual: [
      keys.deadlineIndexKeys({ id: 'd1', bodyId: BODY, status: 'open', dueAt: 'D', breached: true, nextNotice: 'N' }),
      keys.deadlineIndexKeys({ id: 'd1', bodyId: BODY, status: 'met', dueAt: 'D', breached: true }),
    ],
    stored: [
      { gsi1pk: `DEADLINES#${BODY}`, gsi1sk: 'open#!D#d1', gsi2pk: 'DEADLINES#open', gsi2sk: '!D#d1', duePk: 'DUE', dueSk: 'N#d1' },
      { gsi1pk: `DEADLINES#${BODY}`, gsi1sk: 'met#D#d1', gsi2pk: 'DEADLINES#met', gsi2sk: 'D#d1' },
    ],
  },
  deadlineBodyPartition: { actual: keys.deadlineBodyPartition(BODY), stored: `DEADLINES#${BODY}` },
  deadlineStatusPartition: { actual: keys.deadlineStatusPartition('open'), stored: 'DEADLINES#open' },
  deadlineListingRanges: {
    actual: [
      keys.deadlineListingRanges({}, 'open', false),
      keys.deadlineListingRanges({ dueFrom: 'F', dueBefore: 'B' }, 'open', true),
      keys.deadlineListingRanges({ overdueAt: 'N' }, 'open', false),
      keys.deadlineListingRanges({ dueFrom: 'F' }, 'met', true),
    ],
    stored: [
      [{ low: '!', high: '!~' }, { low: '0', high: '~' }],
      [{ low: 'open#!F', high: 'open#!B' }, { low: 'open#F', high: 'open#B' }],
      [{ low: '!', high: '!~' }, { low: '0', high: 'N' }],
      [{ low: 'met#F', high: 'met#~' }],
    ],
  },
  scheduleKey: { actual: keys.scheduleKey('dl-1'), stored: { pk: 'SCHEDULE#dl-1', sk: 'SCHEDULE' } },
  scheduleDueKeys: { actual: keys.scheduleDueKeys('dl-1', 'A'), stored: { duePk: 'SCHEDULE', dueSk: 'A#dl-1' } },
  scheduleDuePartition: { actual: keys.scheduleDuePartition(), stored: 'SCHEDULE' },
  isScheduleKey: { actual: [keys.isScheduleKey('SCHEDULE#dl-1'), keys.isScheduleKey('SCHEDULES'), keys.isScheduleKey(1)], stored: [true, false, false] },
  recalculationKey: { actual: keys.recalculationKey('r1'), stored: { pk: 'RECALC#r1', sk: 'RECALC' } },
  recalculationIndexKeys: { actual: keys.recalculationIndexKeys({ id: 'r1', year: 2026, startedAt: 's' }), stored: { gsi1pk: 'RECALCS#2026', gsi1sk: 's#r1' } },
  recalculationListPartition: { actual: keys.recalculationListPartition(2026), stored: 'RECALCS#2026' },
  calendarYearKey: { actual: keys.calendarYearKey('KZ', 2026), stored: { pk: 'CALENDAR#KZ', sk: 'YEAR#2026' } },
  calendarPartition: { actual: keys.calendarPartition('KZ'), stored: 'CALENDAR#KZ' },
  CALENDAR_YEAR_PREFIX: { actual: keys.CALENDAR_YEAR_PREFIX, stored: 'YEAR#' },
  auditKey: { actual: keys.auditKey({ aggregateType: 'Body', aggregateId: BODY, at: 't', eventId: 'e1' }), stored: { pk: `AUDIT#Body#${BODY}`, sk: 't#e1' } },
  auditPartition: { actual: keys.auditPartition('Body', BODY), stored: `AUDIT#Body#${BODY}` },
  pendingPartition: { actual: keys.pendingPartition(), stored: 'PENDING' },
  pendingMarks: { actual: keys.pendingMarks({ pk: 'PLAN#p1', sk: 'PLAN' }, 't'), stored: { pendingPk: 'PENDING', pendingSk: 't#PLAN#p1#PLAN' } },
  mailKey: { actual: keys.mailKey('m1'), stored: { pk: 'MAIL#m1', sk: 'MAIL' } },
  idempotencyKey: { actual: keys.idempotencyKey({ clientId: 'c1', routeKey: 'POST /v1/things', key: 'k1' }), stored: { pk: 'IDEMPOTENCY#c1', sk: 'POST /v1/things#k1' } },
  appealKey: { actual: keys.appealKey('ap1'), stored: { pk: 'APPEAL#ap1', sk: 'APPEAL' } },
  isAppealItem: { actual: [keys.isAppealItem({ sk: 'APPEAL' }), keys.isAppealItem({ sk: 'BODY' })], stored: [true, false] },
  appealBatchKey: { actual: keys.appealBatchKey('b1'), stored: { pk: 'APPEALBATCH#b1', sk: 'BATCH' } },
  appealCounterKey: { actual: keys.appealCounterKey('2026-Q1', 3), stored: { pk: 'APPEALCOUNT#2026-Q1#3', sk: 'COUNTS' } },
  applicationPartition: { actual: keys.applicationPartition(BODY, 'L-1'), stored: `SERVICEAPP#${BODY}#L-1` },
  applicationKey: { actual: keys.applicationKey(BODY, 'L-1'), stored: { pk: `SERVICEAPP#${BODY}#L-1`, sk: 'APPLICATION' } },
  isApplicationItem: { actual: [keys.isApplicationItem({ sk: 'APPLICATION' }), keys.isApplicationItem({ sk: 'STAGE#x' })], stored: [true, false] },
  stageEventKey: { actual: keys.stageEventKey(BODY, 'L-1', 't#03#issued'), stored: { pk: `SERVICEAPP#${BODY}#L-1`, sk: 'STAGE#t#03#issued' } },
  STAGE_EVENTS_PREFIX: { actual: keys.STAGE_EVENTS_PREFIX, stored: 'STAGE#' },
  reportVersionKey: { actual: keys.reportVersionKey('monthly-complaints', '2026-03', 2), stored: { pk: 'REPORT#monthly-complaints#2026-03', sk: 'V#000002' } },
  reportVersionsPartition: { actual: keys.reportVersionsPartition('monthly-complaints', '2026-03'), stored: 'REPORT#monthly-complaints#2026-03' },
  REPORT_VERSION_PREFIX: { actual: keys.REPORT_VERSION_PREFIX, stored: 'V#' },
  reportVersionIndexKeys: {
    actual: keys.reportVersionIndexKeys({ type: 'quarterly-appeals', period: '2026-Q1', version: 12 }),
    stored: { gsi1pk: 'REPORTS#quarterly-appeals', gsi1sk: '2026-Q1#000012' },
  },
  reportTypePartition: { actual: keys.reportTypePartition('quarterly-appeals'), stored: 'REPORTS#quarterly-appeals' },
  reportClaimKey: { actual: keys.reportClaimKey('monthly-complaints', '2026-03'), stored: { pk: 'REPORTDELIVERY#monthly-complaints#2026-03', sk: 'DELIVERY' } },
  reportLastDeliveredKey: { actual: keys.reportLastDeliveredKey('monthly-complaints'), stored: { pk: 'REPORTDELIVERY#monthly-complaints', sk: 'LAST' } },
  legacyDocumentPartition: { actual: keys.legacyDocumentPartition('ab'), stored: 'DOC#ab' },
  isLegacyDocumentMeta: { actual: [keys.isLegacyDocumentMeta({ sk: 'META' }), keys.isLegacyDocumentMeta({ sk: 'CHUNK#0' })], stored: [true, false] },
  isLegacyDocumentChunk: { actual: [keys.isLegacyDocumentChunk({ sk: 'CHUNK#0' }), keys.isLegacyDocumentChunk({ sk: 'META' })], stored: [true, false] },
  healthProbeKey: { actual: keys.healthProbeKey(), stored: { pk: 'HEALTH', sk: 'HEALTH' } },
};

/** One sample item key per entity (and the index keys it carries), to compare their tokens. */
const ENTITY_KEYS: readonly { entity: string; key: Record<string, string> }[] = [
  { entity: 'Body', key: { ...keys.bodyKey(BODY), ...keys.bodyIndexKeys({ id: BODY, kind: 'ucc', names: { ru: 'x' } }) } },
  { entity: 'ResponsibleAssignment', key: keys.assignmentKey(BODY, 'body') },
  { entity: 'ResponsibleAssignment', key: keys.assignmentKey(BODY, 'service:1') },
  { entity: 'ComplianceViolation', key: keys.violationKey(BODY, 't', 'v') },
  { entity: 'ComplianceFact', key: keys.factKey({ bodyId: BODY, at: 't', factId: 'f' }) },
  { entity: 'KnowledgeBaseEntry', key: keys.knowledgeBaseKey(BODY, 's', 1) },
  { entity: 'ApiClient', key: { ...keys.clientKey('c'), ...keys.clientIndexKeys({ id: 'c', createdAt: 't' }) } },
  { entity: 'ApiKeyIndex', key: keys.apiKeyIndexKey('h') },
  { entity: 'Plan', key: { ...keys.planKey('p'), ...keys.planIndexKeys({ id: 'p', status: 'draft', createdAt: 't' }) } },
  { entity: 'Acceptance', key: { ...keys.acceptanceKey('a'), ...keys.acceptanceIndexKeys({ id: 'a', bodyId: BODY, status: 's', openedAt: 'o', nextDueAt: 'd' }) } },
  ...Object.entries(keys.CASE_PREFIXES).map(([entity, prefix]) => ({
    entity,
    key: { ...keys.caseKey(prefix, 'x'), ...keys.caseIndexKeys(prefix, { bodyId: BODY, status: 's', opened: 'o', id: 'x' }) },
  })),
  { entity: 'ComplaintViolation', key: keys.complaintViolationKey({ month: '2026-03', complaintId: 'c' }) },
  { entity: 'Escalation', key: { ...keys.escalationKey(BODY, '2026-03'), ...keys.escalationIndexKeys({ bodyId: BODY, month: '2026-03' }) } },
  { entity: 'MonitoredDeadline', key: { ...keys.deadlineKey('d'), ...keys.deadlineIndexKeys({ id: 'd', bodyId: BODY, status: 'open', dueAt: 'D', breached: false, nextNotice: 'N' }) } },
  { entity: 'OneTimeSchedule', key: { ...keys.scheduleKey('n'), ...keys.scheduleDueKeys('n', 'A') } },
  { entity: 'CalendarRecalculation', key: { ...keys.recalculationKey('r'), ...keys.recalculationIndexKeys({ id: 'r', year: 2026, startedAt: 's' }) } },
  { entity: 'CalendarYear', key: keys.calendarYearKey('KZ', 2026) },
  { entity: 'AuditEvent', key: keys.auditKey({ aggregateType: 'Body', aggregateId: 'x', at: 't', eventId: 'e' }) },
  { entity: 'MailRecord', key: keys.mailKey('m') },
  { entity: 'IdempotencyRecord', key: keys.idempotencyKey({ clientId: 'c', routeKey: 'r', key: 'k' }) },
  { entity: 'Appeal', key: keys.appealKey('a') },
  { entity: 'AppealBatch', key: keys.appealBatchKey('b') },
  { entity: 'AppealCounter', key: keys.appealCounterKey('2026-Q1', 0) },
  { entity: 'ServiceApplication', key: keys.applicationKey(BODY, 'n') },
  { entity: 'ServiceStageEvent', key: keys.stageEventKey(BODY, 'n', 'e') },
  { entity: 'ReportVersion', key: { ...keys.reportVersionKey('t', 'p', 1), ...keys.reportVersionIndexKeys({ type: 't', period: 'p', version: 1 }) } },
  { entity: 'ReportDelivery', key: keys.reportClaimKey('t', 'p') },
  { entity: 'ReportDeliveryMark', key: keys.reportLastDeliveredKey('t') },
  { entity: 'LegacyDocument', key: { pk: keys.legacyDocumentPartition('s'), sk: 'META' } },
  { entity: 'HealthProbe', key: keys.healthProbeKey() },
];

const token = (value: string | undefined) => value?.split('#')[0];

describe('table-keys', () => {
  it('builds every layout as the items already stored have it', () => {
    // Arrange
    const exported = Object.keys(keys).sort();
    // Act
    const checked = Object.keys(LAYOUTS).sort();
    // Assert: every export is pinned here, and each gives the stored strings
    expect(checked).toEqual(exported);
    for (const [name, { actual, stored }] of Object.entries(LAYOUTS)) expect(actual, name).toEqual(stored);
  });

  it('gives each entity key tokens of its own, so no two entities can share a key', () => {
    // Arrange
    const owners = new Map<string, Set<string>>();
    const own = (slot: string, entity: string) => owners.set(slot, (owners.get(slot) ?? new Set()).add(entity));
    // Act: the item key by (pk token, sk token), each index key by (index attribute, token)
    for (const { entity, key } of ENTITY_KEYS) {
      own(`table ${token(key.pk)} / ${token(key.sk)}`, entity);
      for (const attribute of ['gsi1pk', 'gsi2pk', 'gsi3pk', 'duePk', 'pendingPk']) if (key[attribute] !== undefined) own(`${attribute} ${key[attribute]!.split('#')[0]}`, entity);
    }
    // Assert
    const shared = [...owners].filter(([, entities]) => entities.size > 1).map(([slot, entities]) => `${slot}: ${[...entities].join(', ')}`);
    expect(shared).toEqual([]);
    expect(owners.size).toBeGreaterThan(ENTITY_KEYS.length);
  });

  it('never lets a case kind read as another kind or as another entity', () => {
    // Arrange: the case tokens and their listing tokens (`<PREFIX>S`) beside every other pk token
    const others = ENTITY_KEYS.filter(({ entity }) => !(entity in keys.CASE_PREFIXES)).map(({ key }) => token(key.pk));
    // Act
    const caseTokens = Object.values(keys.CASE_PREFIXES).flatMap((prefix) => [prefix, `${prefix}S`]);
    // Assert
    expect(new Set(caseTokens).size).toBe(caseTokens.length);
    expect(caseTokens.filter((value) => others.includes(value))).toEqual([]);
  });
});

/**
 * Key literals anywhere but the module: a string starting with a key token and `#` ('BODY#',
 * `APPEAL#${id}`), a key attribute given a literal, a key compared to one, a key split on `#`.
 * Test files may hold stored items as literal fixtures; the code under test may not.
 */
const KEY_LITERAL = [
  /['"`][A-Z][A-Z0-9_]*#/,
  /\b(pk|sk|gsi\d(pk|sk)|duePk|dueSk|pendingPk|pendingSk)\s*:\s*['"`]/,
  /':(pk|sk)'\s*:\s*['"`]/,
  /\.(pk|sk)\??\s*===?\s*['"`]/,
  /split\(\s*['"]#['"]\s*\)/,
];
const SCANNED = ['functions', 'infra', 'bench', join('test', 'support')];
// The bundle floors measure a bare SDK call against a table of their own, not this layout.
const EXEMPT = [join('functions', 'adapters', 'table-keys.ts'), join('bench', 'floors')];

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });

describe('table-keys: the one place for key layouts', () => {
  it('finds no key literal outside the module', () => {
    // Arrange
    const files = SCANNED.flatMap((dir) => sourceFiles(join(REPO_ROOT, dir))).filter((path) => !EXEMPT.some((exempt) => relative(REPO_ROOT, path).startsWith(exempt)));
    // Act
    const found = files.flatMap((path) =>
      readFileSync(path, 'utf8')
        .split('\n')
        .flatMap((line, index) => (KEY_LITERAL.some((pattern) => pattern.test(line)) ? [`${relative(REPO_ROOT, path)}:${index + 1}: ${line.trim()}`] : [])),
    );
    // Assert
    expect(files.length).toBeGreaterThan(100);
    expect(found).toEqual([]);
  });

  it('recognizes the literals it guards against', () => {
    // Arrange
    const samples = ["pk: 'BODY#1'", 'sk: `RP#${scope}`', "{ ':pk': 'CLIENTS' }", "item.sk === 'BODY'", "pk.split('#')[0]", "startsWith('SCHEDULE#')"];
    // Act
    const missed = samples.filter((line) => !KEY_LITERAL.some((pattern) => pattern.test(line)));
    // Assert
    expect(missed).toEqual([]);
  });
});
