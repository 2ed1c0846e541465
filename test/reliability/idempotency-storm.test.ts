import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeScenario, openBodyScenario, sentMails, settled, type BodyScenario } from '../support/local-stack.ts';
import { testBin } from '../support/fixtures.ts';
import { figure, sized } from './figures.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ApiResponse = import('../support/local-stack.ts').ApiResponse<any>;

/**
 * Issue 17 §1: a storm of concurrent replays of one POST with one Idempotency-Key. One record,
 * one e-mail, and every answer the first one — or the documented 409 "still being processed"
 * while the first is running (functions/commons/idempotency.ts).
 */
const bodyId = testBin(1701);
const REPLAYS = sized(100, 1000);

/** What a replay must repeat: the status and the body, without the per-request id. */
const answerOf = (response: ApiResponse): string => {
  const { requestId: _requestId, instance: _instance, ...rest } = (response.body ?? {}) as Record<string, unknown>;
  return JSON.stringify({ status: response.status, etag: response.headers.get('etag'), body: rest });
};

const storm = async (send: () => Promise<ApiResponse>, count: number): Promise<ApiResponse[]> =>
  Promise.all(Array.from({ length: count }, send));

describe('idempotency storm (issue 17 §1)', () => {
  let scenario: BodyScenario;
  beforeAll(async () => {
    scenario = await openBodyScenario(bodyId);
  }, 120_000);
  afterAll(async () => closeScenario(scenario));

  it(`answers ${REPLAYS} concurrent replays of one §4 request with one acceptance, one e-mail and one answer`, async () => {
    const { operator, stack } = scenario;
    const request = { bodyId, serviceCode: 'STORM-1', serviceName: { kk: 'Қызмет', ru: 'Услуга' } };
    const send = () => operator('POST', '/v1/acceptances', { body: request, headers: { 'idempotency-key': 'storm-acceptance-1' } });

    const responses = await storm(send, REPLAYS);

    const created = responses.filter((response) => response.status === 201);
    const inProgress = responses.filter((response) => response.status === 409);
    const other = responses.filter((response) => response.status !== 201 && response.status !== 409);
    figure('storm.acceptance.replays', REPLAYS);
    figure('storm.acceptance.201', created.length);
    figure('storm.acceptance.409-in-progress', inProgress.length);
    figure('storm.acceptance.other-status', other.length);
    expect(other.map((response) => response.status)).toEqual([]);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map(answerOf)).size).toBe(1);
    for (const busy of inProgress) {
      expect(busy.headers.get('content-type')).toBe('application/problem+json');
      expect(busy.body.detail).toMatch(/still being processed|read it again and retry/);
    }
    // A replay after the storm answers as the first answer did.
    const after = await send();
    expect(answerOf(after)).toBe(answerOf(created[0] as ApiResponse));

    const listed = await operator('GET', `/v1/acceptances?bodyId=${bodyId}&limit=100`);
    const records = listed.body.items.filter((item: { serviceCode: string }) => item.serviceCode === 'STORM-1');
    const mails = (await sentMails(stack.sesEndpoint)).filter((mail) => mail.subject.endsWith('STORM-1'));
    figure('storm.acceptance.records', records.length);
    figure('storm.acceptance.emails', mails.length);
    expect(records).toHaveLength(1);
    expect(mails).toHaveLength(1);
  }, 180_000);

  it('refuses the same key with another body with 422 naming the header, and changes nothing', async () => {
    const { operator, stack } = scenario;
    const request = { bodyId, serviceCode: 'STORM-2', serviceName: { kk: 'Қызмет', ru: 'Услуга' } };
    const first = await operator('POST', '/v1/acceptances', { body: request, headers: { 'idempotency-key': 'storm-acceptance-2' } });
    expect(first.status).toBe(201);

    const reused = await storm(
      () => operator('POST', '/v1/acceptances', { body: { ...request, serviceCode: 'STORM-3' }, headers: { 'idempotency-key': 'storm-acceptance-2' } }),
      sized(20, 100),
    );

    figure('storm.reused-key.422', reused.filter((response) => response.status === 422).length);
    for (const response of reused) {
      expect(response.status).toBe(422);
      expect(response.body.errors).toEqual([{ field: 'header.idempotency-key', message: 'reused with a different request' }]);
    }
    const listed = await operator('GET', `/v1/acceptances?bodyId=${bodyId}&limit=100`);
    expect(listed.body.items.filter((item: { serviceCode: string }) => item.serviceCode === 'STORM-3')).toEqual([]);
    expect((await sentMails(stack.sesEndpoint)).filter((mail) => mail.subject.endsWith('STORM-3'))).toEqual([]);
  });

  it('lets only one of many concurrent requests with one key and different bodies run; the others get 422 and change nothing', async () => {
    const { operator, stack } = scenario;
    const codes = Array.from({ length: sized(12, 60) }, (_, index) => `STORM-RACE-${index + 1}`);

    // Every request at once, each with its own service: the key reused with another body, in a race.
    const responses = await Promise.all(
      codes.map((serviceCode) =>
        operator('POST', '/v1/acceptances', { body: { bodyId, serviceCode, serviceName: { kk: 'Қызмет', ru: 'Услуга' } }, headers: { 'idempotency-key': 'storm-race-1' } }),
      ),
    );

    const created = responses.filter((response) => response.status === 201);
    const refused = responses.filter((response) => response.status === 422);
    figure('storm.raced-bodies.requests', codes.length);
    figure('storm.raced-bodies.201', created.length);
    figure('storm.raced-bodies.422', refused.length);
    expect(responses.filter((response) => response.status !== 201 && response.status !== 422).map((response) => response.status)).toEqual([]);
    expect(created).toHaveLength(1);
    for (const response of refused) expect(response.body.errors).toEqual([{ field: 'header.idempotency-key', message: 'reused with a different request' }]);
    const winner = created[0]?.body.serviceCode as string;
    const listed = await operator('GET', `/v1/acceptances?bodyId=${bodyId}&limit=100`);
    const records = listed.body.items.filter((item: { serviceCode: string }) => item.serviceCode.startsWith('STORM-RACE-'));
    expect(records.map((item: { serviceCode: string }) => item.serviceCode)).toEqual([winner]);
    await settled(60_000);
    const mails = (await sentMails(stack.sesEndpoint)).filter((mail) => codes.some((code) => mail.subject.endsWith(code)));
    expect(mails.map((mail) => mail.subject.slice(-winner.length))).toEqual([winner]);
  }, 180_000);

  it(`answers ${REPLAYS} concurrent replays of a claimed POST (a body's registration, §2) with one record`, async () => {
    const { admin } = scenario;
    const bin = testBin(1702);
    const { newBody } = await import('../support/fixtures.ts');
    const send = () => admin('POST', '/v1/bodies', { body: newBody(bin), headers: { 'idempotency-key': 'storm-body-1' } });

    const responses = await storm(send, REPLAYS);

    const created = responses.filter((response) => response.status === 201);
    const inProgress = responses.filter((response) => response.status === 409);
    figure('storm.body.201', created.length);
    figure('storm.body.409-in-progress', inProgress.length);
    expect(responses.filter((response) => response.status !== 201 && response.status !== 409).map((r) => r.status)).toEqual([]);
    expect(new Set(created.map(answerOf)).size).toBe(1);
    for (const busy of inProgress) expect(busy.body.detail).toMatch(/still being processed/);
    const listed = await admin('GET', '/v1/bodies?limit=100');
    expect(listed.body.items.filter((item: { id: string }) => item.id === bin)).toHaveLength(1);
  }, 180_000);
});
