import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpResult } from '#http/middleware/http-route.ts';
import { dynamo } from '#adapters/dynamo.ts';
import { ROUTES, routeKey } from '#http/routes.ts';
import { toApiGatewayEvent } from '#infra/local/api-gateway-event.ts';
import { loadHandler } from '#infra/local/handlers.ts';
import { lambdaContext } from '#infra/local/lambda-context.ts';
import { apiClient, closeScenario, createTestKey, openBodyScenario, type BodyScenario } from '../../support/local-stack.ts';
import { newBody, testBin } from '../../support/fixtures.ts';

const bodyId = testBin(930);
const otherBodyId = testBin(931);
const SERVICE = '00301001';
const stages = `/v1/bodies/${bodyId}/service-stages`;
const application = (number: string, id = bodyId) => `/v1/bodies/${id}/applications/${number}`;
const stageEvent = (applicationNumber: string, stage: string, occurredAt: string, extra: Record<string, unknown> = {}) => ({
  applicationNumber,
  serviceCode: SERVICE,
  stage,
  occurredAt,
  ...extra,
});
/** `2026-03-02T09:00:00.000Z` plus `minutes`. */
const minute = (minutes: number) => new Date(Date.UTC(2026, 2, 2, 9, minutes)).toISOString();

describe('service stages (§15–§16): providers push stage events, the UCC looks an application up', () => {
  let scenario: BodyScenario;
  let provider: ReturnType<typeof apiClient>;
  let otherProvider: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    scenario = await openBodyScenario(bodyId, 'service_provider');
    provider = apiClient(scenario.stack.url, await createTestKey('provider', bodyId));
    expect((await scenario.admin('POST', '/v1/bodies', { body: newBody(otherBodyId, 'service_provider') })).status).toBe(201);
    otherProvider = apiClient(scenario.stack.url, await createTestKey('provider', otherBodyId));
    await scenario.admin('POST', '/local/clock', { body: { now: '2026-03-20T10:00:00+05:00' } });
  });
  afterAll(async () => closeScenario(scenario));

  it('records one event (201), answers it again as a duplicate with the event as first recorded (200), and the UCC reads it', async () => {
    const sent = await provider('POST', stages, { body: stageEvent('S-1', 'received', '2026-03-16T09:00:00+05:00', { note: 'Принято в ЦОН' }) });
    expect(sent.status).toBe(201);
    expect(sent.headers.get('location')).toBe(application('S-1'));
    expect(sent.body).toMatchObject({ outcome: 'accepted', event: { stage: 'received', occurredAt: '2026-03-16T04:00:00.000Z', note: 'Принято в ЦОН', bodyId } });

    // The same stage at the same instant, written in UTC and with another note: nothing changes.
    const again = await provider('POST', stages, { body: stageEvent('S-1', 'received', '2026-03-16T04:00:00Z', { note: 'другое' }) });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ outcome: 'duplicate', event: { note: 'Принято в ЦОН' } });

    const looked = await scenario.operator('GET', application('S-1'));
    expect(looked.status).toBe(200);
    expect(looked.body).toMatchObject({
      bodyId,
      applicationNumber: 'S-1',
      serviceCode: SERVICE,
      current: { stage: 'received', label: { kk: 'Өтініш қабылданды', ru: 'Заявка принята' }, final: false, note: 'Принято в ЦОН' },
      historyComplete: true,
    });
    expect(looked.body.history).toHaveLength(1);
    expect(JSON.stringify(looked.body)).not.toMatch(/"(pk|sk|entity)"/);
  });

  it('answers each item of a batch on its own, and makes the latest instant current whatever the arrival order', async () => {
    const batch = await provider('POST', `${stages}/batch`, {
      body: {
        items: [
          stageEvent('B-1', 'issued', '2026-03-19T16:00:00+05:00'),
          stageEvent('B-1', 'received', '2026-03-17T09:00:00+05:00'),
          stageEvent('B-1', 'result_ready', '2026-03-19T11:00:00+05:00'),
          stageEvent('B-1', 'received', '2026-03-17T09:00:00+05:00'),
          stageEvent('B-2', 'received', 'yesterday'),
          stageEvent('B-2', 'approved', '2026-03-18T09:00:00+05:00'),
          stageEvent('B-1', 'in_review', '2026-03-18T10:00:00+05:00', { serviceCode: '00999001' }),
          stageEvent('B-3', 'in_review', '2026-03-21T10:00:00+05:00'),
          stageEvent('S-1', 'received', '2026-03-16T09:00:00+05:00'),
          stageEvent('B-1', 'in_review', '2026-03-18T10:00:00+05:00', { details: { office: 'ЦОН №2', window: 4 } }),
        ],
      },
    });
    expect(batch.status).toBe(200);
    expect(batch.body).toMatchObject({ accepted: 4, duplicates: 2, rejected: 4 });
    expect(batch.body.items).toEqual([
      { index: 0, outcome: 'accepted' },
      { index: 1, outcome: 'accepted' },
      { index: 2, outcome: 'accepted' },
      { index: 3, outcome: 'duplicate' },
      { index: 4, outcome: 'rejected', errors: [{ field: 'items[4].occurredAt', message: expect.stringMatching(/ISO-8601/) }] },
      { index: 5, outcome: 'rejected', errors: [{ field: 'items[5].stage', message: expect.stringMatching(/^must be one of received/) }] },
      { index: 6, outcome: 'rejected', errors: [{ field: 'items[6].serviceCode', message: `application B-1 is for service ${SERVICE}` }] },
      { index: 7, outcome: 'rejected', errors: [{ field: 'items[7].occurredAt', message: 'must not be in the future' }] },
      { index: 8, outcome: 'duplicate' },
      { index: 9, outcome: 'accepted' },
    ]);

    const looked = await scenario.operator('GET', application('B-1'));
    expect(looked.body.current).toMatchObject({ stage: 'issued', final: true, occurredAt: '2026-03-19T11:00:00.000Z' });
    expect(looked.body.history.map((entry: { stage: string }) => entry.stage)).toEqual(['received', 'in_review', 'result_ready', 'issued']);
    expect(looked.body.history[1]).toMatchObject({ details: { office: 'ЦОН №2', window: 4 } });
    // Nothing of the rejected items was written.
    expect((await scenario.operator('GET', application('B-2'))).status).toBe(404);
    expect((await scenario.operator('GET', application('B-3'))).status).toBe(404);
  });

  it('refuses a bad single event naming body.<field> (400), one for another service (409), and a malformed batch (400)', async () => {
    const bad = await provider('POST', stages, { body: stageEvent('S-2', 'received', '2026-03-20T10:00:00') });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'body.occurredAt', message: expect.any(String) }]);
    const future = await provider('POST', stages, { body: stageEvent('S-2', 'received', '2026-03-20T11:00:00+05:00') });
    expect(future.status).toBe(400);
    expect(future.body.errors).toEqual([{ field: 'body.occurredAt', message: 'must not be in the future' }]);
    const otherService = await provider('POST', stages, { body: stageEvent('S-1', 'in_review', '2026-03-17T09:00:00+05:00', { serviceCode: '00999001' }) });
    expect(otherService.status).toBe(409);
    expect(otherService.body.errors).toEqual([{ field: 'body.serviceCode', message: `application S-1 is for service ${SERVICE}` }]);
    expect((await provider('POST', `${stages}/batch`, { body: { items: [] } })).body.errors[0].field).toBe('body.items');
    const tooMany = await provider('POST', `${stages}/batch`, { body: { items: Array.from({ length: 501 }, (_, i) => stageEvent(`M-${i}`, 'received', minute(i))) } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors[0].field).toBe('body.items');
    expect((await scenario.operator('GET', application('S-2'))).status).toBe(404);
    expect((await scenario.operator('GET', application('M-0'))).status).toBe(404);
  });

  it("answers a provider writing or reading another body's application 404, as for a missing body, and writes nothing", async () => {
    const single = await otherProvider('POST', stages, { body: stageEvent('X-1', 'received', '2026-03-18T09:00:00+05:00') });
    const batch = await otherProvider('POST', `${stages}/batch`, { body: { items: [stageEvent('X-1', 'received', '2026-03-18T09:00:00+05:00')] } });
    const read = await otherProvider('GET', application('S-1'));
    for (const response of [single, batch, read]) {
      expect(response.status).toBe(404);
      expect(response.body.detail).toBe(`No body with id ${bodyId}`);
    }
    expect((await scenario.admin('GET', application('X-1'))).status).toBe(404);
    // The owner reads its own; an unknown application is 404 too.
    expect((await provider('GET', application('S-1'))).body.current.stage).toBe('received');
    expect((await provider('GET', application('NOPE-1'))).status).toBe(404);
  });

  it('lets the UCC admin write for a provider, but not for a missing body (404) or one that provides no services (422)', async () => {
    expect((await scenario.admin('POST', stages, { body: stageEvent('A-1', 'received', '2026-03-18T09:00:00+05:00') })).status).toBe(201);
    expect((await scenario.akimat('GET', application('A-1'))).body.current).toMatchObject({ stage: 'received', occurredAt: '2026-03-18T04:00:00.000Z' });
    const missing = await scenario.admin('POST', `/v1/bodies/${testBin(932)}/service-stages`, { body: stageEvent('A-1', 'received', '2026-03-18T09:00:00+05:00') });
    expect(missing.status).toBe(404);
    const authorityId = testBin(933);
    expect((await scenario.admin('POST', '/v1/bodies', { body: newBody(authorityId, 'quality_authority') })).status).toBe(201);
    const authority = await scenario.admin('POST', `/v1/bodies/${authorityId}/service-stages/batch`, { body: { items: [stageEvent('A-1', 'received', '2026-03-18T09:00:00+05:00')] } });
    expect(authority.status).toBe(422);
    expect((await scenario.admin('GET', application('A-1', authorityId))).status).toBe(404);
  });

  it('loses no event of four batches for one application sent at once, and a replay of one is all duplicates', async () => {
    const batches = Array.from({ length: 4 }, (_, b) => ({
      // Interleaved instants, each batch in reverse order: arrival order says nothing.
      items: Array.from({ length: 20 }, (_, i) => stageEvent('C-1', i % 2 === 0 ? 'in_review' : 'suspended', minute(i * 4 + b))).reverse(),
    }));
    const answers = await Promise.all(batches.map((body) => provider('POST', `${stages}/batch`, { body })));
    expect(answers.map((answer) => [answer.status, answer.body.accepted])).toEqual([[200, 20], [200, 20], [200, 20], [200, 20]]);

    const looked = await scenario.operator('GET', application('C-1'));
    expect(looked.body.history).toHaveLength(80);
    expect(looked.body.history.map((entry: { occurredAt: string }) => entry.occurredAt)).toEqual(Array.from({ length: 80 }, (_, i) => minute(i)));
    expect(looked.body.current).toMatchObject({ occurredAt: minute(79), stage: 'suspended' });

    const replay = await provider('POST', `${stages}/batch`, { body: batches[2] });
    expect(replay.body).toMatchObject({ accepted: 0, duplicates: 20, rejected: 0 });
    expect((await scenario.operator('GET', application('C-1'))).body.history).toHaveLength(80);
  });

  it('replays a batch sent again with its Idempotency-Key with the first answer', async () => {
    const body = { items: [stageEvent('I-1', 'received', '2026-03-18T09:00:00+05:00'), stageEvent('I-1', 'in_review', '2026-03-18T12:00:00+05:00')] };
    const headers = { 'idempotency-key': 'stages-batch-1' };
    const first = await provider('POST', `${stages}/batch`, { body, headers });
    const retry = await provider('POST', `${stages}/batch`, { body, headers });
    expect(first.body).toMatchObject({ accepted: 2, duplicates: 0 });
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    // Without the key, the same events are answered as what they are now: duplicates.
    expect((await provider('POST', `${stages}/batch`, { body })).body).toMatchObject({ accepted: 0, duplicates: 2 });
  });

  it('shows the latest 100 events of an application with more, and says the history is not complete', async () => {
    const items = Array.from({ length: 130 }, (_, i) => stageEvent('L-1', 'in_review', minute(i)));
    expect((await provider('POST', `${stages}/batch`, { body: { items } })).body.accepted).toBe(130);
    const looked = await scenario.operator('GET', application('L-1'));
    expect(looked.body).toMatchObject({ historyComplete: false, current: { occurredAt: minute(129) } });
    expect(looked.body.history).toHaveLength(100);
    expect(looked.body.history[0].occurredAt).toBe(minute(30));
  });

  it('records an event in 2 DynamoDB calls, a batch of 500 in 7 reads and 20 writes, and looks up in 1', async () => {
    // The handlers called as Lambda calls them (the authorizer ran before), effects held: only the request's own calls.
    const calls: string[] = [];
    let counting = false;
    dynamo().middlewareStack.add(
      (next, context) => async (args) => {
        if (counting) calls.push((context.commandName as string).replace(/Command$/, ''));
        return next(args);
      },
      { step: 'initialize', name: 'stageCallCounter' },
    );
    const principal = { clientId: 'stages-provider', role: 'provider', bodyId };
    const invoke = async (key: string, path: string, pathParameters: Record<string, string>, body?: unknown) => {
      const route = ROUTES.find((candidate) => routeKey(candidate) === key)!;
      const handler = await loadHandler(route.entry);
      const event = toApiGatewayEvent(
        { method: route.method, url: path, headers: { 'content-type': 'application/json' }, body: Buffer.from(body === undefined ? '' : JSON.stringify(body)), sourceIp: '127.0.0.1', host: '127.0.0.1' },
        { routeKey: key, pathParameters, requestId: `r-${Math.random()}`, now: new Date(), authorizer: principal },
      );
      calls.length = 0;
      counting = true;
      try {
        const result = (await handler(event, lambdaContext(route.name, 10_000))) as HttpResult;
        return { status: result.statusCode, body: JSON.parse(result.body as string) as Record<string, any>, calls: [...calls] };
      } finally {
        counting = false;
      }
    };
    scenario.stack.effects.pause();
    try {
      const single = await invoke('POST /v1/bodies/{id}/service-stages', stages, { id: bodyId }, stageEvent('K-1', 'received', '2026-03-18T09:00:00+05:00'));
      expect([single.status, single.calls]).toEqual([201, ['BatchGetItem', 'BatchWriteItem']]);
      const duplicate = await invoke('POST /v1/bodies/{id}/service-stages', stages, { id: bodyId }, stageEvent('K-1', 'received', '2026-03-18T09:00:00+05:00'));
      expect([duplicate.status, duplicate.calls]).toEqual([200, ['BatchGetItem']]);
      const lookUp = await invoke('GET /v1/bodies/{id}/applications/{applicationNumber}', application('K-1'), { id: bodyId, applicationNumber: 'K-1' });
      expect([lookUp.status, lookUp.calls]).toEqual([200, ['Query']]);

      // 500 events of 100 applications already stored: 1 body + 100 applications + 500 events read (100 keys a call), 500 events written (25 a call).
      const known = Array.from({ length: 100 }, (_, i) => stageEvent(`P-${i}`, 'received', minute(i)));
      expect((await invoke('POST /v1/bodies/{id}/service-stages/batch', `${stages}/batch`, { id: bodyId }, { items: known })).body.accepted).toBe(100);
      const items = Array.from({ length: 500 }, (_, i) => stageEvent(`P-${i % 100}`, 'in_review', minute(100 + i)));
      const batch = await invoke('POST /v1/bodies/{id}/service-stages/batch', `${stages}/batch`, { id: bodyId }, { items });
      expect(batch.body.accepted).toBe(500);
      expect(batch.calls.filter((name) => name === 'BatchGetItem')).toHaveLength(7);
      expect(batch.calls.filter((name) => name === 'BatchWriteItem')).toHaveLength(20);
      expect(batch.calls).toHaveLength(27);
    } finally {
      scenario.stack.effects.resume();
      dynamo().middlewareStack.remove('stageCallCounter');
    }
  });
});
