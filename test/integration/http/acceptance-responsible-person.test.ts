import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeScenario, openBodyScenario, sentMails, type BodyScenario } from '../../support/local-stack.ts';
import { informationFor, testBin } from '../../support/fixtures.ts';

const bodyId = testBin(870);
const SERVICE = 'RP-001';
const person = (n: number) => ({
  fullName: `Сарсенова Динара ${n}`,
  position: 'Бас маман',
  email: `dinara${n}@akimat.gov.kz`,
  phone: `+7 (701) 555-10-0${n}`,
});

interface Assignment {
  serviceCode?: string;
  current: { fullName: string; email: string; phone: string; acceptanceId?: string };
  history: { fullName: string; endedOn?: string }[];
  notices: { late: boolean; changedOn: string }[];
}

describe('the acceptance step and the body’s record of responsible persons (§5, §7): one model', () => {
  let scenario: BodyScenario;
  let acceptanceId: string;
  const setClock = (now: string) => scenario.admin('POST', '/local/clock', { body: { now } });
  const serviceRecord = async (): Promise<Assignment | undefined> => {
    const read = await scenario.akimat('GET', `/v1/bodies/${bodyId}/responsible-persons`);
    expect(read.status).toBe(200);
    return (read.body.services as Assignment[]).find((entry) => entry.serviceCode === SERVICE);
  };

  beforeAll(async () => {
    scenario = await openBodyScenario(bodyId);
    await setClock('2026-03-03T10:00:00+05:00');
    const opened = await scenario.operator('POST', '/v1/acceptances', {
      body: { bodyId, serviceCode: SERVICE, serviceName: { kk: 'Қызмет', ru: 'Услуга' } },
    });
    expect(opened.status).toBe(201);
    acceptanceId = opened.body.id;
  });
  afterAll(async () => closeScenario(scenario));

  it('puts the person appointed in the step on the body’s record for the service', async () => {
    // Arrange: nobody answers for the service yet.
    expect(await serviceRecord()).toBeUndefined();
    // Act
    const step = await scenario.akimat('POST', `/v1/acceptances/${acceptanceId}/responsible-person`, { body: person(1) });
    // Assert
    expect(step.status).toBe(200);
    expect(step.body.status).toBe('responsibleAppointed');
    const record = await serviceRecord();
    expect(record).toMatchObject({
      current: { fullName: person(1).fullName, email: person(1).email, phone: '+77015551001', acceptanceId },
      history: [],
      notices: [],
    });
  });

  it('checks a replacement through the step against §7: changedOn required, a late notice is a violation', async () => {
    await setClock('2026-03-10T10:00:00+05:00');
    const missing = await scenario.akimat('POST', `/v1/acceptances/${acceptanceId}/responsible-person`, { body: person(2) });
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].field).toBe('body.changedOn');
    expect((await serviceRecord())?.current.fullName).toBe(person(1).fullName);

    // Changed Tuesday 3 March: 3 working days end Friday 6 March; notified Tuesday 10 March.
    const late = await scenario.akimat('POST', `/v1/acceptances/${acceptanceId}/responsible-person`, {
      body: { ...person(2), changedOn: '2026-03-03' },
    });
    expect(late.status).toBe(200);
    const record = await serviceRecord();
    expect(record?.current.fullName).toBe(person(2).fullName);
    expect(record?.history).toEqual([expect.objectContaining({ fullName: person(1).fullName, endedOn: '2026-03-03' })]);
    expect(record?.notices).toEqual([expect.objectContaining({ changedOn: '2026-03-03', late: true })]);
    const compliance = await scenario.akimat('GET', `/v1/bodies/${bodyId}/compliance`);
    expect(compliance.body.violations).toMatchObject({ total: 1, byRule: { responsiblePersonNotice: 1 } });
    const audit = await scenario.admin('GET', `/v1/bodies/${bodyId}/audit`);
    expect(audit.body.items.map((event: { type: string }) => event.type)).toEqual(
      expect.arrayContaining(['ResponsiblePersonAppointed', 'ResponsiblePersonReplaced', 'ComplianceViolationRecorded']),
    );
  });

  it('takes the same person again as an update, with no §7 check and no new history', async () => {
    const again = await scenario.akimat('POST', `/v1/acceptances/${acceptanceId}/responsible-person`, {
      body: { ...person(2), phone: '+7 701 555 10 99' },
    });
    expect(again.status).toBe(200);
    const record = await serviceRecord();
    expect(record?.current).toMatchObject({ fullName: person(2).fullName, phone: '+77015551099' });
    expect(record?.history).toHaveLength(1);
    expect(record?.notices).toHaveLength(1);
  });

  it('mails the person the body’s own route appointed since, not the one the step named', async () => {
    // Arrange: the body replaces the person for the service on its record (§7, on time).
    const replaced = await scenario.akimat('POST', `/v1/bodies/${bodyId}/responsible-persons`, {
      body: { ...person(3), serviceCode: SERVICE, appointedOn: '2026-03-10', changedOn: '2026-03-10' },
    });
    expect(replaced.status).toBe(201);
    expect(replaced.body).not.toHaveProperty('appliedEvents');
    expect(replaced.body.history.map((entry: { fullName: string }) => entry.fullName)).toEqual([person(2).fullName, person(1).fullName]);
    const submitted = await scenario.akimat('POST', `/v1/acceptances/${acceptanceId}/information`, { body: informationFor(SERVICE) });
    expect(submitted.status).toBe(200);
    // Act: the UCC returns the information; the return notice goes to the responsible person.
    const returned = await scenario.operator('POST', `/v1/acceptances/${acceptanceId}/return`, { body: { reasons: ['Не указан срок'] } });
    expect(returned.status).toBe(200);
    // Assert
    const notices = (await sentMails(scenario.stack.sesEndpoint)).filter((mail) => mail.subject.includes(`${SERVICE} возвращена`));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.destination.to).toEqual([person(3).email]);
  });
});
