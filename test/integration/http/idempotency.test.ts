import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/local-stack.ts';
import { httpRoute, type HttpResult } from '#http/middleware/http-route.ts';
import { ConcurrentUpdateError, StateConflictError } from '#domain/errors.ts';
import type { RouteDefinition } from '#http/routes.ts';
import { toApiGatewayEvent } from '#infra/local/api-gateway-event.ts';
import { lambdaContext } from '#infra/local/lambda-context.ts';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '#adapters/dynamo.ts';
import { TTL_ATTRIBUTE } from '#infra/table-definition.ts';
import { startTestStack } from '../../support/local-stack.ts';

const route: RouteDefinition = {
  method: 'POST',
  path: '/v1/things',
  name: 'post-thing',
  entry: 'unused.ts',
  access: ['ucc_operator'],
  description: 'test route',
};

/** The Idempotency-Key middleware against real dynalite, with a use-case that can be told to fail. */
describe('Idempotency-Key records', () => {
  let stack: LocalStack;
  let outcomes: (() => never | { status: number; body: unknown })[] = [];
  let calls = 0;
  const handler = httpRoute({ route }, async () => {
    calls += 1;
    const next = outcomes.shift();
    if (next === undefined) throw new Error('no outcome queued');
    return next();
  });

  const post = (key: string, body = '{"a":1}') =>
    handler(
      toApiGatewayEvent(
        { method: 'POST', url: '/v1/things', headers: { 'content-type': 'application/json', 'idempotency-key': key }, body: Buffer.from(body), sourceIp: '127.0.0.1', host: 'x' },
        { routeKey: 'POST /v1/things', requestId: 'r', now: new Date(), authorizer: { clientId: 'client-1', role: 'ucc_operator' } },
      ) as never,
      lambdaContext('post-thing', 5000),
    ) as Promise<HttpResult>;

  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => stack?.stop());

  it('stores a success and replays it without running the use-case again', async () => {
    calls = 0;
    outcomes = [() => ({ status: 201, body: { id: 't-1' } })];
    const first = await post('k-success');
    const replay = await post('k-success');
    expect(first.statusCode).toBe(201);
    expect(replay.statusCode).toBe(201);
    expect(replay.body).toBe(first.body);
    expect(replay.headers?.['idempotent-replayed']).toBe('true');
    expect(calls).toBe(1);
  });

  it('keeps a deterministic 4xx (wrong state) as the answer for the key', async () => {
    calls = 0;
    outcomes = [
      () => {
        throw new StateConflictError('wrong state');
      },
    ];
    expect((await post('k-state')).statusCode).toBe(409);
    expect((await post('k-state')).statusCode).toBe(409);
    expect(calls).toBe(1);
  });

  it('releases the key after a lost race or a 5xx, so the retry runs again', async () => {
    calls = 0;
    outcomes = [
      () => {
        throw new ConcurrentUpdateError('someone else wrote first');
      },
      () => {
        throw new Error('dependency down');
      },
      () => ({ status: 201, body: { id: 't-2' } }),
    ];
    expect((await post('k-race')).statusCode).toBe(409);
    expect((await post('k-race')).statusCode).toBe(500);
    const third = await post('k-race');
    expect(third.statusCode).toBe(201);
    expect(third.headers?.['idempotent-replayed']).toBeUndefined();
    expect(calls).toBe(3);
    expect((await post('k-race')).headers?.['idempotent-replayed']).toBe('true');
    expect(calls).toBe(3);
  });

  it('refuses the key for a different request', async () => {
    calls = 0;
    outcomes = [() => ({ status: 201, body: {} })];
    await post('k-reuse', '{"a":1}');
    const other = await post('k-reuse', '{"a":2}');
    expect(other.statusCode).toBe(422);
    expect(calls).toBe(1);
  });

  describe('on a route whose use-case is idempotent per key (idempotentByKey: no claim first)', () => {
    const selfIdempotent = httpRoute({ route: { ...route, name: 'post-self-idempotent', idempotentByKey: true } }, async () => {
      calls += 1;
      const next = outcomes.shift();
      if (next === undefined) throw new Error('no outcome queued');
      return next();
    });
    const postOnce = (key: string, body = '{"a":1}') =>
      selfIdempotent(
        toApiGatewayEvent(
          { method: 'POST', url: '/v1/things', headers: { 'content-type': 'application/json', 'idempotency-key': key }, body: Buffer.from(body), sourceIp: '127.0.0.1', host: 'x' },
          { routeKey: 'POST /v1/things', requestId: 'r', now: new Date(), authorizer: { clientId: 'client-1', role: 'ucc_operator' } },
        ) as never,
        lambdaContext('post-self-idempotent', 5000),
      ) as Promise<HttpResult>;

    it('records the first answer after the use-case and answers a later retry with it, without running the use-case again', async () => {
      calls = 0;
      outcomes = [() => ({ status: 201, body: { id: 's-1', created: true } }), () => ({ status: 200, body: { id: 's-1', created: false } })];
      const first = await postOnce('s-success');
      const retry = await postOnce('s-success');
      expect(first.statusCode).toBe(201);
      expect(retry.statusCode).toBe(201);
      expect(retry.body).toBe(first.body);
      expect(retry.headers?.['idempotent-replayed']).toBe('true');
      // The key's record is read before the use-case runs (issue 17 §1): a finished key replays.
      expect(calls).toBe(1);
    });

    it('refuses the key for a different request, and records nothing after a 5xx', async () => {
      calls = 0;
      outcomes = [
        () => {
          throw new Error('dependency down');
        },
        () => ({ status: 201, body: { id: 's-2' } }),
        () => ({ status: 200, body: { id: 's-2' } }),
      ];
      expect((await postOnce('s-other', '{"a":1}')).statusCode).toBe(500);
      expect((await postOnce('s-other', '{"a":1}')).statusCode).toBe(201);
      const callsBefore = calls;
      const other = await postOnce('s-other', '{"a":2}');
      expect(other.statusCode).toBe(422);
      // Refused before the use-case: a reuse with another body changes nothing (issue 17 §1).
      expect(calls).toBe(callsBefore);
      expect(JSON.parse(other.body as string)).toMatchObject({ status: 422, errors: [{ field: 'header.idempotency-key' }] });
    });
  });

  it('writes its expiry as the table\'s TTL attribute, a Number of epoch seconds (the only type DynamoDB TTL reads)', async () => {
    calls = 0;
    outcomes = [() => ({ status: 201, body: { id: 't-ttl' } })];
    await post('k-ttl');
    const { Item } = await dynamo().send(
      new GetCommand({ TableName: tableName(), Key: { pk: 'IDEMPOTENCY#client-1', sk: 'POST /v1/things#k-ttl' }, ConsistentRead: true }),
    );
    const expiry = Item?.[TTL_ATTRIBUTE] as number;
    expect(typeof expiry).toBe('number');
    expect(expiry * 1000 - Date.now()).toBeGreaterThan(23 * 3_600_000);
    expect(expiry * 1000 - Date.now()).toBeLessThanOrEqual(24 * 3_600_000);
  });
});
