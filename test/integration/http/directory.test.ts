import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/local-stack.ts';
import { dynamo, tableName } from '#adapters/dynamo.ts';
import { apiClient, createTestKey, startTestStack } from '../../support/local-stack.ts';
import { newBody, testBin } from '../../support/fixtures.ts';

type Api = ReturnType<typeof apiClient>;

describe('directory: bodies and API clients', () => {
  let stack: LocalStack;
  let admin: Api;
  let operator: Api;

  beforeAll(async () => {
    stack = await startTestStack();
    admin = apiClient(stack.url, stack.adminKey);
    operator = apiClient(stack.url, await createTestKey('ucc_operator'));
  });
  afterAll(async () => stack?.stop());

  describe('bodies', () => {
    it('registers a body with its BIN as id, and reads it back with an ETag', async () => {
      const bin = testBin(1);
      const created = await admin('POST', '/v1/bodies', { body: newBody(bin) });
      expect(created.status).toBe(201);
      expect(created.headers.get('location')).toBe(`/v1/bodies/${bin}`);
      expect(created.body).toMatchObject({ id: bin, bin, kind: 'local_executive_body', version: 1, preferredLanguage: 'kk' });
      const read = await operator('GET', `/v1/bodies/${bin}`);
      expect(read.status).toBe(200);
      expect(read.headers.get('etag')).toBe('"1"');
      expect(read.body.names.ru).toBe(`Акимат ${bin}`);
    });

    it('rejects a bad BIN, kind and e-mail naming each field, and stores nothing', async () => {
      const body = { ...newBody('990140001234'), kind: 'ministry', email: 'not-an-email' };
      const response = await admin('POST', '/v1/bodies', { body });
      expect(response.status).toBe(400);
      expect(response.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['body.bin', 'body.email', 'body.kind']);
      expect(response.body.errors.find((error: { field: string }) => error.field === 'body.bin').message).toMatch(/check digit/);
      expect((await admin('GET', '/v1/bodies/990140001234')).status).toBe(404);
    });

    it('answers a repeated registration with the record and a different one with 409', async () => {
      const bin = testBin(2);
      await admin('POST', '/v1/bodies', { body: newBody(bin) });
      const again = await admin('POST', '/v1/bodies', { body: newBody(bin) });
      expect(again.status).toBe(200);
      const different = await admin('POST', '/v1/bodies', { body: { ...newBody(bin), email: 'other@akimat.gov.kz' } });
      expect(different.status).toBe(409);
    });

    it('replays a POST with the same Idempotency-Key and refuses the key for another body', async () => {
      const bin = testBin(3);
      const headers = { 'idempotency-key': `create-${bin}` };
      const first = await admin('POST', '/v1/bodies', { body: newBody(bin), headers });
      const replay = await admin('POST', '/v1/bodies', { body: newBody(bin), headers });
      expect(first.status).toBe(201);
      expect(replay.status).toBe(201);
      expect(replay.body).toEqual(first.body);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      const misuse = await admin('POST', '/v1/bodies', { body: newBody(testBin(4)), headers });
      expect(misuse.status).toBe(422);
      expect(misuse.body.errors[0].field).toBe('header.idempotency-key');
      const malformed = await admin('POST', '/v1/bodies', { body: newBody(testBin(4)), headers: { 'idempotency-key': 'has spaces' } });
      expect(malformed.status).toBe(400);
      // The same request re-serialised (other spacing, members in another order) is a replay, not a misuse.
      const reordered = Object.fromEntries(Object.entries(newBody(bin) as Record<string, unknown>).reverse());
      const reserialised = await admin('POST', '/v1/bodies', { rawBody: JSON.stringify(reordered, null, 2), headers: { ...headers, 'content-type': 'application/json' } });
      expect(reserialised.status).toBe(201);
      expect(reserialised.headers.get('idempotent-replayed')).toBe('true');
    });

    it('shows a new API key once: a replay with the same Idempotency-Key answers without it, and no record keeps it', async () => {
      const headers = { 'idempotency-key': 'client-once' };
      const created = await admin('POST', '/v1/clients', { body: { name: 'shown once', role: 'ucc_operator' }, headers });
      expect(created.status).toBe(201);
      expect(created.body.key).toMatch(/^ucc_/);
      const replay = await admin('POST', '/v1/clients', { body: { name: 'shown once', role: 'ucc_operator' }, headers });
      expect(replay.status).toBe(201);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(replay.body.key).toBeUndefined();
      expect(replay.body).toMatchObject({ id: created.body.id, secretsOmitted: { members: ['key'] } });
      const rotated = await admin('POST', `/v1/clients/${created.body.id}/keys`, { body: {}, headers: { 'idempotency-key': 'rotate-once' } });
      expect(rotated.status).toBe(201);
      const rotatedAgain = await admin('POST', `/v1/clients/${created.body.id}/keys`, { body: {}, headers: { 'idempotency-key': 'rotate-once' } });
      expect(rotatedAgain.body.key).toBeUndefined();
      // Nowhere in the idempotency records of the admin client: neither key in clear.
      const { dynamo, tableName } = await import('#adapters/dynamo.ts');
      const { QueryCommand } = await import('@aws-sdk/lib-dynamodb');
      const records = await dynamo().send(
        new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'IDEMPOTENCY#local-admin' } }),
      );
      const stored = JSON.stringify(records.Items);
      expect(records.Items?.length).toBeGreaterThanOrEqual(2);
      expect(stored).not.toContain(created.body.key);
      expect(stored).not.toContain(rotated.body.key);
    });

    it('patches with JSON Merge Patch, refuses immutable fields and stale If-Match, and audits before/after', async () => {
      const bin = testBin(5);
      await admin('POST', '/v1/bodies', { body: newBody(bin) });
      const patched = await admin('PATCH', `/v1/bodies/${bin}`, {
        body: { email: 'new@akimat.gov.kz', region: null, head: { position: 'Аким города' } },
        headers: { 'content-type': 'application/merge-patch+json', 'if-match': '"1"' },
      });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ email: 'new@akimat.gov.kz', version: 2, head: { position: 'Аким города', fullName: 'Аскаров Ерлан Серикович' } });
      expect(patched.body.region).toBeUndefined();
      expect(patched.headers.get('etag')).toBe('"2"');

      const stale = await admin('PATCH', `/v1/bodies/${bin}`, { body: { email: 'x@akimat.gov.kz' }, headers: { 'if-match': '"1"' } });
      expect(stale.status).toBe(412);
      const immutable = await admin('PATCH', `/v1/bodies/${bin}`, { body: { bin: testBin(6), kind: 'ucc' } });
      expect(immutable.status).toBe(400);
      expect(immutable.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['body.bin', 'body.kind']);
      const invalid = await admin('PATCH', `/v1/bodies/${bin}`, { body: { head: { email: 'nope' } } });
      expect(invalid.status).toBe(400);
      expect(invalid.body.errors[0].field).toBe('body.head.email');

      const audit = await admin('GET', `/v1/bodies/${bin}/audit`);
      expect(audit.body.items.map((event: { type: string }) => event.type)).toEqual(['BodyRegistered', 'BodyUpdated']);
      expect(audit.body.items[1]).toMatchObject({
        actor: 'local-admin',
        data: { before: { email: `office-${bin}@akimat.gov.kz`, version: 1 }, after: { email: 'new@akimat.gov.kz', version: 2 } },
      });
    });

    it('lists by kind with cursor pagination, and includes the demo participants', async () => {
      const ucc = await operator('GET', '/v1/bodies?kind=ucc');
      expect(ucc.body.items).toHaveLength(1);
      expect(ucc.body.items[0].kind).toBe('ucc');
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await operator('GET', `/v1/bodies?kind=local_executive_body&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.items.map((body: { id: string }) => body.id));
        cursor = page.body.nextCursor;
      } while (cursor !== undefined);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual(expect.arrayContaining([testBin(1), testBin(2), testBin(5)]));
      const badCursor = await operator('GET', '/v1/bodies?cursor=not-a-cursor');
      expect(badCursor.status).toBe(400);
      expect(badCursor.body.errors[0].field).toBe('query.cursor');
      const badKind = await operator('GET', '/v1/bodies?kind=ministry');
      expect(badKind.body.errors[0].field).toBe('query.kind');
    });
  });

  describe('API clients', () => {
    let bodyId: string;
    beforeAll(async () => {
      bodyId = testBin(10);
      await admin('POST', '/v1/bodies', { body: newBody(bodyId) });
    });

    it('creates a client whose key is shown once and stored nowhere in plain text', async () => {
      const created = await admin('POST', '/v1/clients', { body: { name: 'Akimat e-office', role: 'body', bodyId } });
      expect(created.status).toBe(201);
      expect(created.body.key).toMatch(/^ucc_[A-Za-z0-9_-]{43}$/);
      expect(created.body).toMatchObject({ role: 'body', bodyId, status: 'active' });
      const key: string = created.body.key;

      const read = await admin('GET', `/v1/clients/${created.body.id}`);
      expect(JSON.stringify(read.body)).not.toContain(key);
      expect(read.body.keys).toHaveLength(1);
      const { Items } = await dynamo().send(new ScanCommand({ TableName: tableName() }));
      expect(JSON.stringify(Items)).not.toContain(key);
      expect(JSON.stringify(Items)).not.toContain(key.slice(4));

      const asBody = apiClient(stack.url, key);
      expect((await asBody('GET', `/v1/bodies/${bodyId}`)).status).toBe(200);
    });

    it('binds body and provider clients to an existing body and only them', async () => {
      const missing = await admin('POST', '/v1/clients', { body: { name: 'x', role: 'provider' } });
      expect(missing.status).toBe(400);
      expect(missing.body.errors[0].field).toBe('body.bodyId');
      const extra = await admin('POST', '/v1/clients', { body: { name: 'x', role: 'ucc_operator', bodyId } });
      expect(extra.body.errors[0].field).toBe('body.bodyId');
      const unknownMember = await admin('POST', '/v1/clients', { body: { name: 'x', role: 'ucc_operator', middleName: 'y' } });
      expect(unknownMember.status).toBe(400);
      expect(unknownMember.body.errors.map((error: { field: string }) => error.field)).toEqual(['body.middleName']);
      const unknownBody = await admin('POST', '/v1/clients', { body: { name: 'x', role: 'body', bodyId: testBin(11) } });
      expect(unknownBody.status).toBe(400);
    });

    it('answers 401 problem+json to a revoked key, and revocation is idempotent and audited', async () => {
      const created = await admin('POST', '/v1/clients', { body: { name: 'to revoke', role: 'ucc_operator' } });
      const client = apiClient(stack.url, created.body.key);
      expect((await client('GET', '/v1/bodies?kind=ucc')).status).toBe(200);
      expect((await admin('DELETE', `/v1/clients/${created.body.id}`)).status).toBe(204);
      expect((await admin('DELETE', `/v1/clients/${created.body.id}`)).status).toBe(204);
      const denied = await client('GET', '/v1/bodies?kind=ucc');
      expect(denied.status).toBe(401);
      expect(denied.headers.get('content-type')).toBe('application/problem+json');
      const audit = await admin('GET', `/v1/clients/${created.body.id}/audit`);
      expect(audit.body.items.map((event: { type: string }) => event.type)).toEqual(['ApiClientCreated', 'ApiClientRevoked']);
      // No such client, no such body: 404, not an empty audit log.
      expect((await admin('GET', `/v1/clients/${created.body.id}x/audit`)).status).toBe(404);
      expect((await admin('GET', `/v1/bodies/${testBin(9_999)}/audit`)).status).toBe(404);
      expect(JSON.stringify(audit.body)).not.toContain(created.body.key);
      // A new key for a revoked client is a conflict; the problem's status stays the HTTP status.
      const rotate = await admin('POST', `/v1/clients/${created.body.id}/keys`, { body: {} });
      expect(rotate.status).toBe(409);
      expect(rotate.body).toMatchObject({ status: 409, clientStatus: 'revoked' });
    });

    it('rotates a key: without grace the old key stops at once, with grace it keeps working', async () => {
      const created = await admin('POST', '/v1/clients', { body: { name: 'rotating', role: 'ucc_operator' } });
      const graceful = await admin('POST', `/v1/clients/${created.body.id}/keys`, { body: { graceHours: 24 } });
      expect(graceful.status).toBe(201);
      expect((await apiClient(stack.url, created.body.key)('GET', '/v1/rulebooks')).status).toBe(200);
      expect((await apiClient(stack.url, graceful.body.key)('GET', '/v1/rulebooks')).status).toBe(200);
      expect(graceful.body.keys).toHaveLength(2);

      const immediate = await admin('POST', `/v1/clients/${created.body.id}/keys`, { body: {} });
      expect((await apiClient(stack.url, graceful.body.key)('GET', '/v1/rulebooks')).status).toBe(401);
      expect((await apiClient(stack.url, created.body.key)('GET', '/v1/rulebooks')).status).toBe(401);
      expect((await apiClient(stack.url, immediate.body.key)('GET', '/v1/rulebooks')).status).toBe(200);
    });

    it('answers 401 to a missing, malformed or unknown key', async () => {
      expect((await operator('GET', '/v1/rulebooks', { key: null })).status).toBe(401);
      expect((await operator('GET', '/v1/rulebooks', { headers: { authorization: 'Basic abc' }, key: null })).status).toBe(401);
      expect((await operator('GET', '/v1/rulebooks', { key: 'ucc_0000000000000000000000000000000000000000000' })).status).toBe(401);
    });

    it('lists clients without hashes', async () => {
      const list = await admin('GET', '/v1/clients?limit=100');
      expect(list.status).toBe(200);
      expect(list.body.items.some((client: { id: string }) => client.id === 'local-admin')).toBe(true);
      expect(JSON.stringify(list.body)).not.toMatch(/"hash"/);
    });
  });
});
