import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeScenario, openBodyScenario, sentMails, type BodyScenario } from '../../support/local-stack.ts';
import { testBin } from '../../support/fixtures.ts';

const bodyId = testBin(861);
const request = { bodyId, serviceCode: 'DUP-001', serviceName: { kk: 'Қызмет', ru: 'Услуга' } };

describe('one acceptance per body and service (§4)', () => {
  let scenario: BodyScenario;
  beforeAll(async () => {
    scenario = await openBodyScenario(bodyId);
  });
  afterAll(async () => closeScenario(scenario));

  it('answers a second opening 409 naming the acceptance under way, whatever its key, and mails the body once', async () => {
    const { operator, stack } = scenario;
    const first = await operator('POST', '/v1/acceptances', { body: request, headers: { 'idempotency-key': 'dup-a' } });
    expect(first.status).toBe(201);

    const otherKey = await operator('POST', '/v1/acceptances', { body: request, headers: { 'idempotency-key': 'dup-b' } });
    const noKey = await operator('POST', '/v1/acceptances', { body: request });
    for (const duplicate of [otherKey, noKey]) {
      expect(duplicate.status).toBe(409);
      expect(duplicate.body).toMatchObject({ status: 409, acceptanceId: first.body.id, acceptanceStatus: 'requested' });
      expect(duplicate.body.detail).toContain(first.body.id);
    }
    // Its own retry is still the first answer.
    const retry = await operator('POST', '/v1/acceptances', { body: request, headers: { 'idempotency-key': 'dup-a' } });
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);

    const requests = (await sentMails(stack.sesEndpoint)).filter((mail) => mail.subject.endsWith('DUP-001'));
    expect(requests).toHaveLength(1);
    const listed = await operator('GET', `/v1/acceptances?bodyId=${bodyId}`);
    expect(listed.body.items.filter((item: { serviceCode: string }) => item.serviceCode === 'DUP-001')).toHaveLength(1);
  });

  it('refuses concurrent openings of one service but one', async () => {
    const { operator } = scenario;
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        operator('POST', '/v1/acceptances', { body: { ...request, serviceCode: 'DUP-002' }, headers: { 'idempotency-key': `race-${index}` } }),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(5);
  });
});
