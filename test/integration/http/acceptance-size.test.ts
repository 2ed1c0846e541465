import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFetch, closeScenario, openBodyScenario, settled, type BodyScenario } from '../../support/local-stack.ts';
import { informationFor, testBin } from '../../support/fixtures.ts';

const bodyId = testBin(890);
const SERVICE = 'SIZE-1';
/** A schema-valid form near its 150 KB limit: 100 documents of 340 Cyrillic letters per language. */
const largeInformation = informationFor(SERVICE, {
  documents: Array.from({ length: 100 }, (_, n) => ({ kk: `${n} ${'д'.repeat(340)}`, ru: `${n} ${'д'.repeat(340)}` })),
});
/** The most one return may say: 16 KB of reasons. */
const largeReasons = (cycle: number) => Array.from({ length: 8 }, (_, n) => `${cycle}.${n} ${'п'.repeat(990)}`);

describe('an acceptance stays one bounded record however often its information goes back and forth', () => {
  let scenario: BodyScenario;
  let id: string;
  beforeAll(async () => {
    scenario = await openBodyScenario(bodyId);
    await scenario.admin('POST', '/local/clock', { body: { now: '2026-06-01T10:00:00+05:00' } });
    id = (await scenario.operator('POST', '/v1/acceptances', { body: { bodyId, serviceCode: SERVICE, serviceName: { kk: 'Қызмет', ru: 'Услуга' } } })).body.id;
    await scenario.akimat('POST', `/v1/acceptances/${id}/responsible-person`, {
      body: { fullName: 'Исполнитель', position: 'Специалист', email: 'exec@akimat.gov.kz', phone: '+77010000000' },
    });
  });
  afterAll(async () => closeScenario(scenario));

  it('takes eight cycles of the largest information and return, keeping the latest reasons and all of them in the events', async () => {
    for (let cycle = 1; cycle <= 8; cycle += 1) {
      const submitted = await scenario.akimat('POST', `/v1/acceptances/${id}/information`, { body: largeInformation });
      expect(submitted.status, `cycle ${cycle}: ${JSON.stringify(submitted.body).slice(0, 300)}`).toBe(200);
      const returned = await scenario.operator('POST', `/v1/acceptances/${id}/return`, { body: { reasons: largeReasons(cycle) } });
      expect(returned.status, `cycle ${cycle}: ${JSON.stringify(returned.body).slice(0, 300)}`).toBe(200);
      // People take turns here (the body resubmits after reading the return): the effects of
      // one step are done before the next.
      await settled();
    }
    const last = await scenario.akimat('POST', `/v1/acceptances/${id}/information`, { body: largeInformation });
    expect(last.status).toBe(200);
    expect(last.body.returns).toHaveLength(8);
    expect(last.body.returns.map((entry: { reasons?: string[] }) => entry.reasons?.[0]?.slice(0, 3))).toEqual([
      undefined, undefined, undefined, undefined, undefined, '6.0', '7.0', '8.0',
    ]);
    // Every submitted form stays readable whole, from the acceptance's list of submissions.
    expect(last.body.submissions).toHaveLength(9);
    const first = await apiFetch(`${scenario.stack.url}/v1/acceptances/${id}/documents/${last.body.submissions[0].formSha256}`, {
      headers: { authorization: `Bearer ${scenario.stack.adminKey}` },
    });
    expect(first.status).toBe(200);
    expect(((await first.json()) as { documents: unknown[] }).documents).toHaveLength(100);
    const events = await scenario.operator('GET', `/v1/acceptances/${id}/events?limit=100`);
    const returned = events.body.items.filter((event: { type: string }) => event.type === 'InformationReturned');
    expect(returned.map((event: { data: { reasons: string[] } }) => event.data.reasons[0]!.slice(0, 3))).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8].map((cycle) => `${cycle}.0`),
    );
  });

  it('refuses one reason too many bytes with a 400 naming the field', async () => {
    const tooMuch = await scenario.operator('POST', `/v1/acceptances/${id}/return`, { body: { reasons: [...largeReasons(9), 'п'.repeat(300)] } });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.errors[0]).toMatchObject({ field: 'body.reasons', message: expect.stringContaining('16 KB') });
  });

  it('answers 422 naming the limit, and changes nothing, when a step would outgrow the record', async () => {
    expect((await scenario.operator('POST', `/v1/acceptances/${id}/registration`, { body: {} })).status).toBe(200);
    const before = await scenario.operator('GET', `/v1/acceptances/${id}`);
    // Schema-valid, but 500 participants with the longest names are about 500 KB.
    const participants = Array.from({ length: 500 }, (_, n) => ({ fullName: `${n} ${'Ф'.repeat(195)}`, position: 'Д'.repeat(300) }));
    const tooLarge = await scenario.akimat('POST', `/v1/acceptances/${id}/training`, { body: { heldOn: '2026-06-01', participants } });
    expect(tooLarge.status).toBe(422);
    expect(tooLarge.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(tooLarge.body).toMatchObject({ status: 422, limitBytes: 390 * 1024, detail: expect.stringContaining('at most 390 KB') });
    expect(JSON.stringify(tooLarge.body)).not.toMatch(/ACCEPTANCE#|pk|DynamoDB/);
    const after = await scenario.operator('GET', `/v1/acceptances/${id}`);
    expect(after.body.version).toBe(before.body.version);

    const normal = await scenario.akimat('POST', `/v1/acceptances/${id}/training`, {
      body: { heldOn: '2026-06-01', participants: [{ fullName: 'Оператор ЕКЦ' }] },
    });
    expect(normal.status).toBe(200);
  });
});
