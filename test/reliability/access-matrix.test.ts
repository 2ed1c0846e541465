import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '#adapters/dynamo.ts';
import { ROLES, type Role } from '#domain/access/roles.ts';
import { ROUTES, routeKey, type RouteDefinition } from '#http/routes.ts';
import { apiClient, createTestKey, settled, startTestStack } from '../support/local-stack.ts';
import type { LocalStack } from '#infra/local/local-stack.ts';
import { appealInput, informationFor, newBody, testBin } from '../support/fixtures.ts';
import { createHash } from 'node:crypto';
import { signedDocument } from '../support/cms.ts';
import { figure, sized } from './figures.ts';

/**
 * Issue 17 §5: the route × role × body matrix read from the route table. A role the route
 * table does not allow reads nothing and writes nothing, whatever body it sends; a body-bound
 * client naming another body's record answers exactly as for a missing record; no API key is
 * stored in plain text (only its hash, docs/design.md "Security").
 */
const ownBody = testBin(1751);
const otherBody = testBin(1752);
const missingBody = testBin(1753);
const serviceName = { kk: 'Қызмет', ru: 'Услуга' };
const signedComplaint = signedDocument('Жалоба\n', '/C=KZ/CN=ИВАНОВ ИВАН/serialNumber=IIN900101300456');
const complaintSha = createHash('sha256').update(signedComplaint).digest('hex');

/** A well-formed id that names nothing: the body swapped for the missing one, or else its hex digits (or last character) changed. */
const missingIdOf = (id: string): string => {
  if (id.includes(otherBody)) return id.replace(otherBody, missingBody);
  const hex = /[0-9a-f]{32}$/.exec(id);
  if (hex !== null) return id.slice(0, hex.index) + [...hex[0]].map((digit) => (parseInt(digit, 16) ^ 1).toString(16)).join('');
  return `${id.slice(0, -1)}${id.endsWith('0') ? '1' : '0'}`;
};

/** Every item of the stack's table (the test's own table), for before/after comparisons. */
async function tableItems(): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(new ScanCommand({ TableName: tableName(), ExclusiveStartKey: start, ConsistentRead: true }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return items;
}
const keyOf = (item: Record<string, unknown>) => `${String(item.pk)}|${String(item.sk)}`;
const snapshot = async (): Promise<Map<string, string>> => {
  await settled();
  const map = new Map<string, string>();
  for (const item of await tableItems()) map.set(keyOf(item), JSON.stringify(Object.entries(item).sort(([a], [b]) => a.localeCompare(b))));
  return map;
};
const changes = (before: Map<string, string>, after: Map<string, string>): string[] => {
  const changed: string[] = [];
  for (const [key, value] of after) if (before.get(key) !== value) changed.push(key.replace(/\|.*/, '|…'));
  for (const key of before.keys()) if (!after.has(key)) changed.push(`deleted ${key}`);
  return changed;
};

describe('access matrix from the route table (issue 17 §5)', () => {
  let stack: LocalStack;
  const keys = new Map<Role, string>();
  /** Records of the other body, by the id prefix of the routes that take them. */
  const foreign = new Map<string, string>();
  /** Well-formed ids that name nothing, by the same prefix. */
  const missing = new Map<string, string>();
  let bodies: Record<string, unknown>[] = [];

  beforeAll(async () => {
    stack = await startTestStack();
    const admin = apiClient(stack.url, stack.adminKey);
    for (const bin of [ownBody, otherBody]) expect((await admin('POST', '/v1/bodies', { body: newBody(bin) })).status).toBe(201);
    for (const role of ROLES) keys.set(role, await createTestKey(role, role === 'body' || role === 'provider' ? ownBody : undefined));
    const operator = apiClient(stack.url, keys.get('ucc_operator'));
    const acceptance = await operator('POST', '/v1/acceptances', { body: { bodyId: otherBody, serviceCode: 'ACL-1', serviceName } });
    expect(acceptance.status).toBe(201);
    foreign.set('acceptances', acceptance.body.id);
    missing.set('acceptances', String(acceptance.body.id).replace(otherBody, missingBody));
    const request = await operator('POST', '/v1/information-requests', { body: { bodyId: otherBody, question: 'Access matrix question' } });
    expect(request.status).toBe(201);
    foreign.set('information-requests', request.body.id);
    missing.set('information-requests', String(request.body.id).replace(otherBody, missingBody));
    // Records of every kind a body-bound client may read, for both bodies: the other body's name
    // the `{id}` routes' foreign ids, and both bodies' fill the lists (each must show only its own).
    for (const bin of [ownBody, otherBody]) {
      const complaint = await operator('POST', '/v1/complaints', {
        body: {
          portalNumber: `ACL-${bin}`,
          bodyId: bin,
          addressedTo: 'service_provider',
          category: 'staff_action_inaction',
          serviceCode: '00501002',
          serviceName: 'Регистрация по месту жительства',
          complainant: { fullName: 'Иванов Иван', phone: '+77051112233' },
          receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
          document: { fileName: 'complaint.p7s', contentType: 'application/pkcs7-signature', contentBase64: signedComplaint.toString('base64') },
        },
        headers: { 'idempotency-key': `acl-complaint-${bin}` },
      });
      expect(complaint.status, JSON.stringify(complaint.body)).toBe(201);
      const appeal = await operator('POST', '/v1/appeals', { body: appealInput(`ACL-APPEAL-${bin}`, bin) });
      expect(appeal.status, JSON.stringify(appeal.body)).toBe(201);
      // A registered service (§5), so that an information update (§6) can be sent about it.
      const accepted = await operator('POST', '/v1/acceptances', { body: { bodyId: bin, serviceCode: 'ACL-KB', serviceName } });
      expect(accepted.status).toBe(201);
      const person = { fullName: 'Executor Acl', position: 'Specialist', email: 'executor-acl@akimat.gov.kz', phone: '+77010001751' };
      expect((await admin('POST', `/v1/acceptances/${accepted.body.id}/responsible-person`, { body: person })).status).toBe(200);
      expect((await admin('POST', `/v1/acceptances/${accepted.body.id}/information`, { body: informationFor('ACL-KB') })).status).toBe(200);
      expect((await operator('POST', `/v1/acceptances/${accepted.body.id}/registration`, { body: {} })).status).toBe(200);
      await settled();
      const update = await operator('POST', '/v1/information-updates', {
        body: { bodyId: bin, serviceCode: 'ACL-KB', changedOn: new Date().toISOString().slice(0, 10), changes: { contacts: { kk: '1414 (kk)', ru: '1414 (ru)' } } },
      });
      expect(update.status, JSON.stringify(update.body)).toBe(201);
      // A refusal (§11) opens the body's escalation of the month (§12).
      const refused = await operator('POST', '/v1/information-requests', { body: { bodyId: bin, question: 'Access matrix refusal' } });
      expect(refused.status).toBe(201);
      const refusal = await operator('POST', `/v1/information-requests/${refused.body.id}/refusal`, { body: { ground: 'other', justification: 'Основание: other' } });
      expect(refusal.status, JSON.stringify(refusal.body)).toBe(200);
      if (bin === otherBody) {
        foreign.set('complaints', complaint.body.id);
        foreign.set('appeals', appeal.body.appeal.id);
        foreign.set('information-updates', update.body.id);
      }
    }
    for (const prefix of ['complaints', 'appeals', 'information-updates']) missing.set(prefix, missingIdOf(foreign.get(prefix) as string));
    await settled();
    // Request bodies to try on every route: empty, and each well-formed one the suite knows.
    bodies = [
      {},
      newBody(testBin(1754)),
      { bodyId: ownBody, serviceCode: 'ACL-2', serviceName },
      { bodyId: ownBody, question: 'Access matrix question' },
      { fullName: 'Executor Acl', position: 'Specialist', email: 'executor-acl@akimat.gov.kz', phone: '+77010001751' },
      { name: 'matrix client', role: 'ucc_admin' },
      { graceHours: 0 },
    ];
  }, 120_000);
  afterAll(async () => stack?.stop());

  /** A concrete path: the body-scoped parameter is `bodyId`, `{id}` the given id, other parameters plausible. */
  const pathFor = (route: RouteDefinition, bodyId: string, id = `x-${bodyId}`): string =>
    route.path.replace(/\{([^}]+)\}/g, (_whole, name: string) => {
      if (name === route.bodyScope) return bodyId;
      if (name === 'year') return '2026';
      if (name === 'sha256') return route.path.startsWith('/v1/complaints/') ? complaintSha : 'a'.repeat(64);
      if (name === 'serviceCode') return 'ACL-1';
      if (name === 'applicationNumber') return 'APP-1';
      return id;
    });

  it('lets no role outside the route table read or write anything, with any body, on every route', async () => {
    const before = await snapshot();
    const leaks: string[] = [];
    let cases = 0;
    for (const route of ROUTES) {
      if (route.access === 'public') continue;
      const hasBody = route.method !== 'GET' && route.method !== 'DELETE';
      for (const role of [...ROLES, 'none'] as const) {
        if (role !== 'none' && route.access.includes(role)) continue;
        const call = apiClient(stack.url, role === 'none' ? undefined : keys.get(role));
        // The short seed (npm test) tries fewer bodies and only the client's own body.
        const tried = hasBody ? sized(bodies.slice(0, 1), bodies) : [undefined];
        const attempts = tried.flatMap((body) => sized([ownBody], [ownBody, otherBody]).map((target) => ({ body, target })));
        // One route and role at a time, its bodies and targets at once.
        await Promise.all(
          attempts.map(async ({ body, target }) => {
            cases += 1;
            const response = await call(route.method, pathFor(route, target), body === undefined ? {} : { body, headers: { 'idempotency-key': `acl-${cases}` } });
            const expected = role === 'none' ? 401 : 403;
            if (response.status !== expected) leaks.push(`${routeKey(route)} as ${role}: ${response.status}`);
            else expect(response.headers.get('content-type')).toBe('application/problem+json');
          }),
        );
      }
    }
    const written = changes(before, await snapshot());
    figure('access.unauthorized-cases', cases);
    figure('access.unauthorized-reads-or-writes', leaks.length);
    figure('access.items-changed-by-denied-requests', written.length);
    expect(leaks).toEqual([]);
    expect(written).toEqual([]);
  }, 180_000);

  it("answers a body-bound client on another body's record exactly as on a missing one, on every route it may use", async () => {
    const before = await snapshot();
    const differences: string[] = [];
    let pairs = 0;
    let notFound = 0;
    const covered = new Set<string>();
    for (const role of ['body', 'provider'] as const) {
      const call = apiClient(stack.url, keys.get(role));
      for (const route of ROUTES) {
        if (route.access === 'public' || !route.access.includes(role)) continue;
        const prefix = route.path.split('/')[2] ?? '';
        const scoped = route.bodyScope !== undefined;
        if (!scoped && !route.path.includes('{id}')) continue;
        // Every `{id}` route a body-bound client may use has a record of the other body to try.
        if (!scoped) expect(foreign.has(prefix), `no foreign record for ${routeKey(route)}`).toBe(true);
        covered.add(routeKey(route));
        await Promise.all((route.method === 'GET' ? [undefined] : bodies).map(async (body) => {
          pairs += 1;
          const options = body === undefined ? {} : { body };
          const [other, absent] = await Promise.all([
            call(route.method, pathFor(route, otherBody, foreign.get(prefix)), options),
            call(route.method, pathFor(route, missingBody, missing.get(prefix)), options),
          ]);
          const strip = (response: typeof other, ...names: (string | undefined)[]) => {
            let text = JSON.stringify({ ...(response.body as object), requestId: undefined, instance: undefined });
            for (const name of names) if (name !== undefined) text = text.replaceAll(name, '<id>');
            return `${response.status} ${text}`;
          };
          const a = strip(other, foreign.get(prefix), otherBody);
          const b = strip(absent, missing.get(prefix), missingBody);
          // Alike, whatever the answer: a bad body is refused before the record is looked up.
          if (other.status === 404) notFound += 1;
          if (a !== b) differences.push(`${routeKey(route)} as ${role}: ${a} vs ${b}`);
        }));
      }
    }
    const written = changes(before, await snapshot());
    figure('access.foreign-vs-missing-routes', covered.size);
    figure('access.foreign-vs-missing-pairs', pairs);
    figure('access.foreign-vs-missing-both-404', notFound);
    figure('access.foreign-vs-missing-differences', differences.length);
    expect(pairs).toBeGreaterThan(20);
    expect(notFound).toBeGreaterThan(10);
    expect(differences).toEqual([]);
    expect(written.filter((key) => !key.startsWith('IDEMPOTENCY#'))).toEqual([]);
  }, 180_000);

  it("shows a body-bound client only its own body's items on every list it may read, whatever body it names", async () => {
    // The lists: the route table's GET routes without a path parameter that a body-bound role may call.
    const lists = ROUTES.filter((route) => route.method === 'GET' && !route.path.includes('{') && route.access !== 'public');
    const leaks: string[] = [];
    let calls = 0;
    let ownItems = 0;
    const listed = new Set<string>();
    for (const role of ['body', 'provider'] as const) {
      const call = apiClient(stack.url, keys.get(role));
      for (const route of lists) {
        if (route.access === 'public' || !route.access.includes(role)) continue;
        // Unfiltered, filtered by its own body, and naming the other body.
        for (const query of sized(['', `?bodyId=${otherBody}`], ['', `?bodyId=${ownBody}`, `?bodyId=${otherBody}`])) {
          calls += 1;
          const response = await call('GET', `${route.path}${query}`);
          const items = (response.body as { items?: unknown[] } | undefined)?.items;
          // Not a list (a calculator, the rulebooks): it must name no other body at all.
          if (response.status === 200 && !Array.isArray(items) && JSON.stringify(response.body).includes(otherBody)) {
            leaks.push(`${routeKey(route)}${query} as ${role}: names ${otherBody}`);
          }
          if (response.status !== 200) {
            // A refusal is no leak, but it must be a problem and name no other body's record.
            if (response.headers.get('content-type') !== 'application/problem+json') leaks.push(`${routeKey(route)}${query} as ${role}: ${response.status} not a problem`);
          }
          for (const item of Array.isArray(items) ? items : []) {
            const text = JSON.stringify(item);
            if (text.includes(otherBody) || [...foreign.values()].some((id) => text.includes(id))) leaks.push(`${routeKey(route)}${query} as ${role}: ${text.slice(0, 200)}`);
            else if (text.includes(ownBody)) {
              ownItems += 1;
              listed.add(route.path);
            }
          }
        }
      }
    }
    figure('access.body-list-calls', calls);
    figure('access.body-list-own-items', ownItems);
    figure('access.body-list-foreign-items', leaks.length);
    expect(leaks).toEqual([]);
    // The data of both bodies is there: each list the body may read shows its own items.
    expect([...listed].sort()).toEqual(
      ['/v1/acceptances', '/v1/bodies', '/v1/complaints', '/v1/deadlines', '/v1/escalations', '/v1/information-requests', '/v1/information-updates'],
    );
  });

  it('stores no API key in plain text: not the admin key, the test keys, nor one created or rotated over HTTP', async () => {
    const admin = apiClient(stack.url, stack.adminKey);
    const created = await admin('POST', '/v1/clients', { body: { name: 'plaintext check', role: 'body', bodyId: ownBody }, headers: { 'idempotency-key': 'acl-client' } });
    expect(created.status).toBe(201);
    const rotated = await admin('POST', `/v1/clients/${created.body.id}/keys`, { body: { graceHours: 1 }, headers: { 'idempotency-key': 'acl-rotate' } });
    expect(rotated.status).toBe(201);
    // The replay answers without the secret (shown once).
    const replay = await admin('POST', '/v1/clients', { body: { name: 'plaintext check', role: 'body', bodyId: ownBody }, headers: { 'idempotency-key': 'acl-client' } });
    expect(replay.body.key).toBeUndefined();
    await settled();
    const secrets = [stack.adminKey, ...keys.values(), created.body.key as string, rotated.body.key as string];
    expect(secrets.every((secret) => typeof secret === 'string' && secret.length > 20)).toBe(true);
    const stored = (await tableItems()).map((item) => JSON.stringify(item));
    const found = secrets.filter((secret) => stored.some((text) => text.includes(secret) || text.includes(secret.slice(4))));
    figure('access.items-scanned-for-keys', stored.length);
    figure('access.plaintext-keys-in-store', found.length);
    expect(found).toEqual([]);
  });
});
