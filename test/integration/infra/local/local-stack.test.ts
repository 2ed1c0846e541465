import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/local-stack.ts';
import { apiClient, startTestStack } from '../../../support/local-stack.ts';

describe('local stack over HTTP', () => {
  let stack: LocalStack;
  let api: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    stack = await startTestStack();
    api = apiClient(stack.url, stack.adminKey);
  });
  afterAll(async () => {
    await api('POST', '/local/clock', { body: { now: null } }).catch(() => undefined);
    await stack?.stop();
  });

  it('answers GET /v1/health with status and version after reading the table', async () => {
    const response = await api('GET', '/v1/health', { key: null });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(response.headers.get('x-request-id')).toBeTruthy();
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('echoes the caller x-request-id', async () => {
    const response = await api('GET', '/v1/health', { headers: { 'x-request-id': 'trace-42' } });
    expect(response.headers.get('x-request-id')).toBe('trace-42');
  });

  it('answers an unknown route with 404 problem+json', async () => {
    const response = await api('GET', '/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.body).toMatchObject({ status: 404, type: '/problems/not-found', instance: '/v1/nothing-here' });
  });

  it('answers another method on a known path with 405 and Allow, after the same 401 as its routes', async () => {
    const wrong = await api('DELETE', '/v1/bodies');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST, GET');
    expect(wrong.headers.get('content-type')).toBe('application/problem+json');
    expect(wrong.body).toMatchObject({ status: 405, type: '/problems/method-not-allowed', allowedMethods: ['POST', 'GET'], instance: '/v1/bodies' });
    const withParameter = await api('PUT', '/v1/bodies/010000000607');
    expect(withParameter.status).toBe(405);
    expect(withParameter.headers.get('allow')).toBe('GET, PATCH');
    expect((await api('DELETE', '/v1/bodies', { key: null })).status).toBe(401);
    // A public path needs no key for its 405 either.
    const health = await api('POST', '/v1/health', { key: null, body: {} });
    expect(health.status).toBe(405);
    expect(health.headers.get('allow')).toBe('GET');
  });

  it('serves the SES emulator inbox', async () => {
    const inbox = await fetch(`${stack.sesEndpoint}/`);
    expect(inbox.status).toBe(200);
    expect(await inbox.text()).toMatch(/<html/i);
  });

  it('sets the clock every handler sees, and restores it', async () => {
    const set = await api('POST', '/local/clock', { body: { now: '2026-03-20T10:00:00+05:00' } });
    expect(set.status).toBe(200);
    expect(Date.parse(set.body.now) - Date.parse('2026-03-20T05:00:00Z')).toBeLessThan(5_000);
    expect(Date.parse(set.body.now)).toBeGreaterThanOrEqual(Date.parse('2026-03-20T05:00:00Z'));
    const restored = await api('POST', '/local/clock', { body: { now: null } });
    expect(Math.abs(Date.parse(restored.body.now) - Date.now())).toBeLessThan(5_000);
  });

  it('validates the clock body and requires the admin key', async () => {
    const bad = await api('POST', '/local/clock', { body: { now: 'tomorrow' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('body.now');
    // A year no calendar can hold would break every later deadline: refused, the clock unchanged.
    for (const now of ['0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z']) {
      const outOfRange = await api('POST', '/local/clock', { body: { now } });
      expect(outOfRange.status).toBe(400);
      expect(outOfRange.body).toMatchObject({ status: 400, errors: [{ field: 'body.now', message: expect.stringMatching(/2000-2100/) }] });
    }
    expect(Math.abs(Date.parse((await api('GET', '/local/clock')).body.now) - Date.now())).toBeLessThan(5_000);
    const anonymous = await api('POST', '/local/clock', { body: { now: null }, key: null });
    expect(anonymous.status).toBe(401);
    const wrongKey = await api('POST', '/local/clock', { body: { now: null }, key: 'ucc_not-a-real-key-0000000000' });
    expect(wrongKey.status).toBe(401);
  });

  it('runs a scheduled job on demand and returns its result', async () => {
    const response = await api('POST', '/local/jobs/redrive-outbox');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ job: 'redrive-outbox', result: { items: 0, events: 0, sent: 0, skipped: 0, failed: 0 } });
    const unknown = await api('POST', '/local/jobs/no-such-job');
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toMatch(/the jobs are .*redrive-outbox.*deadline-sweep.*fire-deadline/);
  });
});
