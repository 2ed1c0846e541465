import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/local-stack.ts';
import { dynamo, tableName } from '#adapters/dynamo.ts';
import { apiClient, apiFetch, createTestKey, startTestStack } from '../../support/local-stack.ts';
import { informationFor, newBody, testBin } from '../../support/fixtures.ts';

type Api = ReturnType<typeof apiClient>;

/** Odd and hostile input: always a 4xx naming the field, never a 500, and nothing stored. */
describe('input hardening over HTTP', () => {
  let stack: LocalStack;
  let admin: Api;
  let operator: Api;
  let akimat: Api;
  let provider: Api;
  const bodyId = testBin(700);
  const providerBody = testBin(701);

  beforeAll(async () => {
    stack = await startTestStack();
    admin = apiClient(stack.url, stack.adminKey);
    operator = apiClient(stack.url, await createTestKey('ucc_operator'));
    await admin('POST', '/v1/bodies', { body: newBody(bodyId) });
    await admin('POST', '/v1/bodies', { body: newBody(providerBody, 'service_provider') });
    akimat = apiClient(stack.url, await createTestKey('body', bodyId));
    provider = apiClient(stack.url, await createTestKey('provider', providerBody));
  });
  afterAll(async () => {
    await admin('POST', '/local/clock', { body: { now: null } });
    await stack?.stop();
  });

  it('answers forged cursors with 400 on query.cursor', async () => {
    for (const forged of [{ pk: 1e308 * 10 }, { pk: 12345678901234567890 }, {}, { pk: { nested: 'x' } }]) {
      const cursor = Buffer.from(JSON.stringify(forged)).toString('base64url');
      for (const path of ['/v1/acceptances', '/v1/deadlines', '/v1/bodies']) {
        const response = await operator('GET', `${path}?cursor=${cursor}`);
        expect(response.status, `${path} ${JSON.stringify(forged)}`).toBe(400);
        expect(response.body.errors[0].field).toBe('query.cursor');
      }
    }
  });

  it('refuses a deeply nested merge patch instead of overflowing', async () => {
    const depth = 10_000;
    const rawBody = `{"names":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
    const response = await akimat('PATCH', `/v1/bodies/${bodyId}`, { rawBody, headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].field).toBe('body');
  });

  it('refuses lone surrogates and control characters in text', async () => {
    const response = await operator('POST', '/v1/acceptances', {
      rawBody: '{"bodyId":"' + bodyId + '","serviceCode":"H1","serviceName":{"kk":"\\u0000x","ru":"\\ud800"}}',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['body.serviceName.kk', 'body.serviceName.ru']);
  });

  it('refuses out-of-range instants in the calculator and the deadline filter', async () => {
    const calculator = await operator('GET', '/v1/calendar/deadline?from=9999-12-31T23:00:00Z&workingDays=3');
    expect(calculator.status).toBe(400);
    expect(calculator.body.errors[0].field).toBe('query.from');
    const deadlines = await operator('GET', '/v1/deadlines?dueBefore=9999-12-31T23:00:00Z');
    expect(deadlines.status).toBe(400);
    expect(deadlines.body.errors[0].field).toBe('query.dueBefore');
  });

  it('stores no document for a step the state refuses, and rejects impossible dates', async () => {
    await admin('POST', '/local/clock', { body: { now: '2026-12-07T10:00:00+05:00' } });
    const opened = await operator('POST', '/v1/acceptances', { body: { bodyId, serviceCode: 'H2', serviceName: { kk: 'Қызмет', ru: 'Услуга' } } });
    const pdf = Buffer.from('%PDF-1.7 orphan?');
    const document = { fileName: 'x.pdf', contentType: 'application/pdf', contentBase64: pdf.toString('base64') };
    const early = await akimat('POST', `/v1/acceptances/${opened.body.id}/information`, { body: informationFor('H2', { document }) });
    expect(early.status).toBe(409);
    const sha = (await import('node:crypto')).createHash('sha256').update(pdf).digest('hex');
    const stored = await dynamo().send(
      new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `DOC#${sha}` } }),
    );
    expect(stored.Items).toEqual([]);

    await akimat('POST', `/v1/acceptances/${opened.body.id}/responsible-person`, {
      body: { fullName: 'Исполнитель', position: 'Специалист', email: 'exec@akimat.gov.kz', phone: '+77010000000' },
    });
    await akimat('POST', `/v1/acceptances/${opened.body.id}/information`, { body: informationFor('H2') });
    await operator('POST', `/v1/acceptances/${opened.body.id}/registration`, { body: {} });
    const impossible = await akimat('POST', `/v1/acceptances/${opened.body.id}/training`, { body: { heldOn: '2026-11-31', participants: [{ fullName: 'A' }] } });
    expect(impossible.status).toBe(400);
    expect(impossible.body.errors[0].field).toBe('body.heldOn');
  });

  it('refuses information too large for one record with 400, before storing anything', async () => {
    const opened = await operator('POST', '/v1/acceptances', { body: { bodyId, serviceCode: 'H3', serviceName: { kk: 'Қызмет', ru: 'Услуга' } } });
    await akimat('POST', `/v1/acceptances/${opened.body.id}/responsible-person`, {
      body: { fullName: 'Исполнитель', position: 'Специалист', email: 'exec@akimat.gov.kz', phone: '+77010000000' },
    });
    const huge = Array.from({ length: 30 }, () => ({ kk: 'ә'.repeat(3000), ru: 'я'.repeat(3000) }));
    const response = await akimat('POST', `/v1/acceptances/${opened.body.id}/information`, { body: informationFor('H3', { documents: huge }) });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].message).toMatch(/at most 150 KB/);
    expect((await akimat('GET', `/v1/acceptances/${opened.body.id}`)).body.status).toBe('responsibleAppointed');
  });

  it('replays keep the request id and security headers; a weak If-Match never matches', async () => {
    const headers = { 'idempotency-key': 'hardening-replay' };
    const body = { bodyId, serviceCode: 'H4', serviceName: { kk: 'Қызмет', ru: 'Услуга' } };
    const first = await operator('POST', '/v1/acceptances', { body, headers });
    const replay = await operator('POST', '/v1/acceptances', { body, headers: { ...headers, 'x-request-id': 'replay-1' } });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.headers.get('x-request-id')).toBe('replay-1');
    expect(replay.headers.get('x-content-type-options')).toBe('nosniff');
    expect(replay.headers.get('cache-control')).toBe('no-store');
    const weak = await akimat('POST', `/v1/acceptances/${first.body.id}/responsible-person`, {
      body: { fullName: 'A', position: 'B', email: 'a@akimat.gov.kz', phone: '+77010000000' },
      headers: { 'if-match': 'W/"1"' },
    });
    expect(weak.status).toBe(412);
  });

  it('lets a provider act on its own acceptance and accepts a lower-case bearer scheme', async () => {
    const opened = await operator('POST', '/v1/acceptances', { body: { bodyId: providerBody, serviceCode: 'H5', serviceName: { kk: 'Қызмет', ru: 'Услуга' } } });
    const appointed = await provider('POST', `/v1/acceptances/${opened.body.id}/responsible-person`, {
      body: { fullName: 'Провайдер', position: 'Специалист', email: 'p@clinic.kz', phone: '+77010000009' },
    });
    expect(appointed.status).toBe(200);
    const lower = await apiFetch(`${stack.url}/v1/rulebooks`, { headers: { authorization: `bearer ${stack.adminKey}` } });
    expect(lower.status).toBe(200);
  });
});
