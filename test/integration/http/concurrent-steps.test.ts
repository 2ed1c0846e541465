import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeScenario, openBodyScenario, type BodyScenario } from '../../support/local-stack.ts';
import { testBin } from '../../support/fixtures.ts';

const bodyId = testBin(833);
const person = { fullName: 'Исполнитель', position: 'Специалист', email: 'exec@akimat.gov.kz', phone: '+77010000000' };
const CONCURRENT = 8;

describe('concurrent steps on one acceptance', () => {
  let scenario: BodyScenario;
  beforeAll(async () => {
    scenario = await openBodyScenario(bodyId);
  });
  afterAll(async () => closeScenario(scenario));

  const open = async (serviceCode: string) => {
    const opened = await scenario.operator('POST', '/v1/acceptances', { body: { bodyId, serviceCode, serviceName: { kk: 'Қызмет', ru: 'Услуга' } } });
    expect(opened.status).toBe(201);
    return { id: opened.body.id as string, etag: opened.headers.get('etag') as string };
  };

  it('lets one of several writes with the same If-Match win; every other one answers 412, never 409', async () => {
    const { id, etag } = await open('K10001');
    const responses = await Promise.all(
      Array.from({ length: CONCURRENT }, () =>
        scenario.akimat('POST', `/v1/acceptances/${id}/responsible-person`, { body: person, headers: { 'if-match': etag } }),
      ),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 412)).toHaveLength(CONCURRENT - 1);
    const current = await scenario.akimat('GET', `/v1/acceptances/${id}`);
    expect(current.body).toMatchObject({ version: 2, status: 'responsibleAppointed' });
  });

  it('without If-Match never loses an update: each success is its own version, every other write a 409', async () => {
    const { id } = await open('K20002');
    // Appointing again is allowed (§7 replacement), so a write that read the first one's result
    // may succeed too: what must not happen is two writes on one version.
    const responses = await Promise.all(
      Array.from({ length: CONCURRENT }, () => scenario.akimat('POST', `/v1/acceptances/${id}/responsible-person`, { body: person })),
    );
    const won = responses.filter((response) => response.status === 200);
    expect(won.length).toBeGreaterThanOrEqual(1);
    expect(responses.filter((response) => response.status === 409)).toHaveLength(CONCURRENT - won.length);
    const versions = won.map((response) => response.body.version as number).sort((a, b) => a - b);
    expect(versions).toEqual(versions.map((_, index) => index + 2));
    const current = await scenario.akimat('GET', `/v1/acceptances/${id}`);
    expect(current.body.version).toBe(1 + won.length);
  });
});
