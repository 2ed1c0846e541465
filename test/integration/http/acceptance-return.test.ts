import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/local-stack.ts';
import { apiClient, closeScenario, openBodyScenario, sentMails, type BodyScenario } from '../../support/local-stack.ts';
import { informationFor, testBin } from '../../support/fixtures.ts';

type Api = ReturnType<typeof apiClient>;

describe('returning information to the body', () => {
  let stack: LocalStack;
  let admin: Api;
  let operator: Api;
  let akimat: Api;
  const bodyId = testBin(410);

  let scenario: BodyScenario | undefined;

  beforeAll(async () => {
    scenario = await openBodyScenario(bodyId);
    ({ stack, admin, operator, akimat } = scenario);
  });
  afterAll(() => closeScenario(scenario));

  it('sends the information back with reasons and a new deadline, then takes the resubmission', async () => {
    await admin('POST', '/local/clock', { body: { now: '2026-06-01T10:00:00+05:00' } });
    const opened = await operator('POST', '/v1/acceptances', { body: { bodyId, serviceCode: 'R1', serviceName: { kk: 'Қызмет', ru: 'Услуга' } } });
    const id = opened.body.id;
    await akimat('POST', `/v1/acceptances/${id}/responsible-person`, {
      body: { fullName: 'Исполнитель', position: 'Специалист', email: 'exec@akimat.gov.kz', phone: '+77010000000' },
    });
    await akimat('POST', `/v1/acceptances/${id}/information`, { body: informationFor('R1') });
    const returned = await operator('POST', `/v1/acceptances/${id}/return`, { body: { reasons: ['Не указан срок оказания услуги'] } });
    expect(returned.status).toBe(200);
    expect(returned.body.status).toBe('informationReturned');
    // Returned Monday 1 June: 3 working days = 2, 3, 4 June.
    expect(returned.body.deadlines.find((d: { key: string }) => d.key === 'returnedInformation')).toMatchObject({
      status: 'open',
      dueAt: '2026-06-04T23:59:59.999+05:00',
    });
    const mail = (await sentMails(stack.sesEndpoint)).find((m) => /возвращена/.test(m.subject));
    expect(mail?.destination.to).toEqual(['exec@akimat.gov.kz']);
    expect(mail?.body.text).toMatch(/Не указан срок оказания услуги/);
    expect(mail?.body.text).toMatch(/04\.06\.2026 23:59/);

    const resubmitted = await akimat('POST', `/v1/acceptances/${id}/information`, { body: informationFor('R1') });
    expect(resubmitted.body).toMatchObject({ status: 'informationSubmitted', information: { submission: 2 } });
    const deadlines = resubmitted.body.deadlines.map((d: { key: string; status: string }) => `${d.key}:${d.status}`);
    expect(deadlines).toContain('returnedInformation:met');
    expect(deadlines.filter((d: string) => d.startsWith('holdTraining'))).toEqual(['holdTraining:open']);
  });
});
