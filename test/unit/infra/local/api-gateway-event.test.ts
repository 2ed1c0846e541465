import { describe, expect, it } from 'vitest';
import { fromHandlerResult, toApiGatewayEvent, toAuthorizerEvent, type RawRequest } from '#infra/local/api-gateway-event.ts';

const request = (overrides: Partial<RawRequest> = {}): RawRequest => ({
  method: 'post',
  url: '/v1/bodies/b-1/responsible-persons?lang=kk&tag=a&tag=b',
  headers: {
    'Content-Type': 'application/json',
    'X-Request-Id': 'abc',
    cookie: 'a=1; b=2',
    'user-agent': 'test-agent',
    host: '127.0.0.1:3000',
  },
  body: Buffer.from('{"x":1}'),
  sourceIp: '127.0.0.1',
  host: '127.0.0.1:3000',
  ...overrides,
});

const options = {
  routeKey: 'POST /v1/bodies/{id}/responsible-persons',
  pathParameters: { id: 'b-1' },
  requestId: 'req-1',
  now: new Date('2026-03-20T19:30:00.123Z'),
  authorizer: { clientId: 'c-1', role: 'body', bodyId: 'b-1' },
};

describe('toApiGatewayEvent', () => {
  it('builds a payload 2.0 event as API Gateway does', () => {
    const event = toApiGatewayEvent(request(), options);
    expect(event.version).toBe('2.0');
    expect(event.routeKey).toBe('POST /v1/bodies/{id}/responsible-persons');
    expect(event.rawPath).toBe('/v1/bodies/b-1/responsible-persons');
    expect(event.rawQueryString).toBe('lang=kk&tag=a&tag=b');
    expect(event.queryStringParameters).toEqual({ lang: 'kk', tag: 'a,b' });
    expect(event.pathParameters).toEqual({ id: 'b-1' });
    expect(event.headers['content-type']).toBe('application/json');
    expect(event.headers['x-request-id']).toBe('abc');
    expect(event.headers.cookie).toBeUndefined();
    expect(event.cookies).toEqual(['a=1', 'b=2']);
    expect(event.body).toBe('{"x":1}');
    expect(event.isBase64Encoded).toBe(false);
    expect(event.requestContext.http).toEqual({
      method: 'POST',
      path: '/v1/bodies/b-1/responsible-persons',
      protocol: 'HTTP/1.1',
      sourceIp: '127.0.0.1',
      userAgent: 'test-agent',
    });
    expect(event.requestContext.requestId).toBe('req-1');
    expect(event.requestContext.timeEpoch).toBe(Date.parse('2026-03-20T19:30:00.123Z'));
    expect(event.requestContext.time).toBe('20/Mar/2026:19:30:00 +0000');
    expect(event.requestContext.authorizer.lambda).toEqual({ clientId: 'c-1', role: 'body', bodyId: 'b-1' });
  });

  it('base64-encodes a binary body and omits absent parts', () => {
    const event = toApiGatewayEvent(
      request({ url: '/v1/x', headers: { 'content-type': 'application/pdf' }, body: Buffer.from([0, 255, 1]) }),
      { ...options, pathParameters: {} },
    );
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body ?? '', 'base64')).toEqual(Buffer.from([0, 255, 1]));
    expect(event.queryStringParameters).toBeUndefined();
    expect(event.pathParameters).toBeUndefined();
    expect(event.cookies).toBeUndefined();
  });
});

describe('toAuthorizerEvent', () => {
  it('carries the Authorization header as the identity source', () => {
    const event = toAuthorizerEvent(request({ headers: { authorization: 'Bearer k' } }), options);
    expect(event.type).toBe('REQUEST');
    expect(event.identitySource).toEqual(['Bearer k']);
    expect(event.routeKey).toBe(options.routeKey);
  });
});

describe('fromHandlerResult', () => {
  it('maps a structured result, dropping undefined headers and decoding base64', () => {
    const raw = fromHandlerResult({
      statusCode: 201,
      headers: { 'Content-Type': 'application/pdf', 'X-Gone': undefined as unknown as string },
      cookies: ['s=1; HttpOnly'],
      body: Buffer.from('%PDF').toString('base64'),
      isBase64Encoded: true,
    });
    expect(raw.statusCode).toBe(201);
    expect(raw.headers).toEqual({ 'content-type': 'application/pdf', 'set-cookie': ['s=1; HttpOnly'] });
    expect(raw.body.toString()).toBe('%PDF');
  });

  it('treats a bare value as a 200 JSON response, as API Gateway infers', () => {
    const raw = fromHandlerResult({ hello: 'world' } as never);
    expect(raw.statusCode).toBe(200);
    expect(raw.headers['content-type']).toBe('application/json');
    expect(JSON.parse(raw.body.toString())).toEqual({ hello: 'world' });
  });
});
