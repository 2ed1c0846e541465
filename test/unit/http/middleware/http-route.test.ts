import { describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { httpRoute, type HttpResult } from '#http/middleware/http-route.ts';
import { logger } from '#commons/logger.ts';
import { problems } from '#http/middleware/problem.ts';
import type { RouteDefinition } from '#http/routes.ts';
import { toApiGatewayEvent } from '#infra/local/api-gateway-event.ts';
import { lambdaContext } from '#infra/local/lambda-context.ts';

process.env.TABLE_NAME ??= 'unit-test';

const route: RouteDefinition = {
  method: 'POST',
  path: '/v1/things/{id}',
  name: 'post-thing',
  entry: 'unused.ts',
  access: ['ucc_operator'],
  description: 'test route',
};

const bodySchema = z.object({ name: z.string().min(1), items: z.array(z.object({ n: z.number().int() })) });
const querySchema = z.object({ dryRun: z.enum(['true', 'false']).optional() });
const paramsSchema = z.object({ id: z.string().regex(/^t-\d+$/) });

const handle = vi.fn(async (request: { body: unknown; params: unknown; principal: unknown; requestId: string }) => ({
  status: 201,
  body: { received: request.body, params: request.params, principal: request.principal },
}));

const handler = httpRoute(
  { route, body: bodySchema, query: querySchema, params: paramsSchema, maxBodyBytes: 200 },
  handle as never,
);

const operator = { clientId: 'c-1', role: 'ucc_operator' };

function invoke(options: {
  body?: string;
  contentType?: string;
  id?: string;
  query?: string;
  authorizer?: Record<string, string>;
  headers?: Record<string, string>;
}): Promise<HttpResult> {
  const event = toApiGatewayEvent(
    {
      method: 'POST',
      url: `/v1/things/${options.id ?? 't-1'}${options.query ? `?${options.query}` : ''}`,
      headers: { 'content-type': options.contentType ?? 'application/json', ...options.headers },
      body: Buffer.from(options.body ?? '{"name":"x","items":[{"n":1}]}'),
      sourceIp: '127.0.0.1',
      host: 'localhost',
    },
    {
      routeKey: 'POST /v1/things/{id}',
      pathParameters: { id: options.id ?? 't-1' },
      requestId: 'gw-1',
      now: new Date(),
      authorizer: options.authorizer ?? operator,
    },
  );
  return handler(event as never, lambdaContext('post-thing', 5000, 'lambda-req-1')) as Promise<HttpResult>;
}

const json = (result: HttpResult) => JSON.parse(result.body ?? 'null');

/** A bare authorized request to the test route (for handlers built in a test). */
const eventFor = () =>
  toApiGatewayEvent(
    { method: 'POST', url: '/v1/things/t-1', headers: {}, body: Buffer.alloc(0), sourceIp: '127.0.0.1', host: 'localhost' },
    { routeKey: 'POST /v1/things/{id}', pathParameters: { id: 't-1' }, requestId: 'gw-2', now: new Date(), authorizer: operator },
  );

describe('httpRoute', () => {
  it('passes parsed, validated input and the principal to the use-case', async () => {
    const result = await invoke({});
    expect(result.statusCode).toBe(201);
    expect(result.headers?.['content-type']).toMatch(/^application\/json/);
    expect(json(result)).toEqual({
      received: { name: 'x', items: [{ n: 1 }] },
      params: { id: 't-1' },
      principal: { clientId: 'c-1', role: 'ucc_operator' },
    });
  });

  it('adds security headers and echoes a well-formed x-request-id, else the Lambda request id', async () => {
    const echoed = await invoke({ headers: { 'x-request-id': 'client-abc.1' } });
    expect(echoed.headers?.['x-request-id']).toBe('client-abc.1');
    expect(echoed.headers?.['x-content-type-options']).toBe('nosniff');
    expect(echoed.headers?.['strict-transport-security']).toMatch(/max-age=/);
    const replaced = await invoke({ headers: { 'x-request-id': 'bad id with spaces' } });
    expect(replaced.headers?.['x-request-id']).toBe('lambda-req-1');
  });

  it('answers 400 problem+json naming every bad field', async () => {
    handle.mockClear();
    const result = await invoke({ id: 'nope', query: 'dryRun=maybe', body: '{"name":"","items":[{"n":1.5}]}' });
    expect(result.statusCode).toBe(400);
    expect(result.headers?.['content-type']).toBe('application/problem+json');
    const problem = json(result);
    expect(problem.status).toBe(400);
    expect(problem.type).toBe('/problems/validation');
    expect(problem.errors.map((error: { field: string }) => error.field).sort()).toEqual([
      'body.items[0].n',
      'body.name',
      'path.id',
      'query.dryRun',
    ]);
    expect(handle).not.toHaveBeenCalled();
  });

  it('answers 500 without details when invoked for a route it does not serve', async () => {
    handle.mockClear();
    const event = { ...eventFor(), routeKey: 'POST /v1/other-things/{id}' };
    const result = (await handler(event as never, lambdaContext('post-thing', 5000, 'lambda-req-3'))) as HttpResult;
    expect(result.statusCode).toBe(500);
    expect(result.headers?.['content-type']).toBe('application/problem+json');
    expect(json(result).type).toBe('/problems/internal');
    expect(result.body).not.toMatch(/other-things|not served/);
    expect(handle).not.toHaveBeenCalled();
  });

  it('takes a route of the table by its name only, not by its key', () => {
    const byKey = () =>
      // @ts-expect-error a route key is not a route name (handlers name their route as routes.ts does)
      httpRoute({ route: 'GET /v1/health' }, async () => ({ status: 200 }));
    const byName = httpRoute({ route: 'get-health' }, async () => ({ status: 200 }));
    expect(byKey).toThrow('Route GET /v1/health is not in the route table');
    expect(byName.routeSchemas).toEqual({});
  });

  it('refuses a body-bound principal without its body as unauthenticated', async () => {
    handle.mockClear();
    const result = await invoke({ authorizer: { clientId: 'c-2', role: 'body' } });
    expect(result.statusCode).toBe(401);
    expect(handle).not.toHaveBeenCalled();
  });

  it('answers 400 for malformed JSON and for a missing body', async () => {
    const malformed = await invoke({ body: '{"name": ' });
    expect(malformed.statusCode).toBe(400);
    expect(json(malformed).type).toBe('/problems/malformed-json');
    const missing = await invoke({ body: '' });
    expect(missing.statusCode).toBe(400);
    expect(json(missing).errors).toEqual([{ field: 'body', message: 'a JSON body is required' }]);
  });

  it('answers 415 for a body that is not JSON and 413 past the size limit', async () => {
    const wrongType = await invoke({ contentType: 'text/plain' });
    expect(wrongType.statusCode).toBe(415);
    expect(json(wrongType).errors[0].field).toBe('header.content-type');
    const tooLarge = await invoke({ body: JSON.stringify({ name: 'x'.repeat(300), items: [] }) });
    expect(tooLarge.statusCode).toBe(413);
  });

  it('accepts application/*+json with parameters', async () => {
    const result = await invoke({ contentType: 'application/merge-patch+json; charset=utf-8' });
    expect(result.statusCode).toBe(201);
  });

  it('answers 401 without a principal and 403 for a role the route does not allow', async () => {
    const anonymous = await invoke({ authorizer: {} });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers?.['www-authenticate']).toBe('Bearer');
    const denied = await invoke({ authorizer: { clientId: 'c-2', role: 'body', bodyId: 'b-1' } });
    expect(denied.statusCode).toBe(403);
    const unknownRole = await invoke({ authorizer: { clientId: 'c-3', role: 'root' } });
    expect(unknownRole.statusCode).toBe(401);
  });

  it('maps an HttpProblem thrown by the use-case', async () => {
    handle.mockRejectedValueOnce(problems.conflict('state is live', { allowedActions: [] }));
    const result = await invoke({});
    expect(result.statusCode).toBe(409);
    expect(json(result)).toMatchObject({ status: 409, detail: 'state is live', allowedActions: [], requestId: 'lambda-req-1' });
  });

  it('answers an unexpected error with a bare 500 that exposes no internals', async () => {
    const errorLog = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    handle.mockRejectedValueOnce(new Error('connect ECONNREFUSED 10.0.0.5:5432 password=hunter2'));
    const result = await invoke({});
    expect(result.statusCode).toBe(500);
    expect(result.body).not.toMatch(/ECONNREFUSED|hunter2|10\.0\.0\.5|at /);
    expect(json(result)).toMatchObject({ status: 500, type: '/problems/internal', requestId: 'lambda-req-1' });
    expect(result.headers?.['x-request-id']).toBe('lambda-req-1');
    expect(errorLog).toHaveBeenCalled();
    errorLog.mockRestore();
  });

  it('carries the schemas it validates with, the very objects, for the OpenAPI document', () => {
    // Assert
    expect(handler.routeSchemas.body).toBe(bodySchema);
    expect(handler.routeSchemas.query).toBe(querySchema);
    expect(handler.routeSchemas.params).toBe(paramsSchema);
    expect(httpRoute({ route: { ...route, method: 'GET' } }, handle as never).routeSchemas).toEqual({});
  });

  it('sends a text response as it is, and a route’s own security headers instead of the default CSP', async () => {
    // Arrange
    const page = httpRoute({ route, securityHeaders: { contentSecurityPolicy: false } }, async () => ({
      status: 200,
      text: { body: '<!doctype html><p>Сәлем</p>', contentType: 'text/html; charset=utf-8' },
      headers: { 'content-security-policy': "script-src 'self'" },
    }));
    const strict = httpRoute({ route }, async () => ({ status: 200, text: { body: '<p>x</p>', contentType: 'text/html' } }));
    // Act
    const [own, defaults] = [await page(eventFor(), lambdaContext('page', 10_000)), await strict(eventFor(), lambdaContext('page', 10_000))];
    // Assert
    expect(own.body).toBe('<!doctype html><p>Сәлем</p>');
    expect(own.isBase64Encoded ?? false).toBe(false);
    expect(own.headers?.['content-type']).toBe('text/html; charset=utf-8');
    expect(own.headers?.['content-security-policy']).toBe("script-src 'self'");
    expect(String(defaults.headers?.['content-security-policy'])).toContain("default-src 'none'");
  });
});
