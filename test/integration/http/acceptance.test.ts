import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/local-stack.ts';
import { apiClient, apiFetch, clearMails, createTestKey, sentMails, startTestStack, type ApiResponse } from '../../support/local-stack.ts';
import { informationFor, newBody, testBin } from '../../support/fixtures.ts';

type Api = ReturnType<typeof apiClient>;

/** Sends a POST twice with one Idempotency-Key: the replay must answer exactly the same. */
async function postTwice(api: Api, path: string, body: unknown, key: string, headers: Record<string, string> = {}): Promise<ApiResponse<any>> {
  const first = await api('POST', path, { body, headers: { 'idempotency-key': key, ...headers } });
  const replay = await api('POST', path, { body, headers: { 'idempotency-key': key, ...headers } });
  expect(replay.status, `${path} replay`).toBe(first.status);
  expect(replay.body, `${path} replay`).toEqual(first.body);
  expect(replay.headers.get('idempotent-replayed')).toBe('true');
  return first;
}

describe('acceptance of a public service for consultation (§4–§9), end to end over HTTP', () => {
  let stack: LocalStack;
  let admin: Api;
  let operator: Api;
  let akimat: Api;
  let otherAkimat: Api;
  const bodyId = testBin(300);
  const bodyEmail = `office-${bodyId}@akimat.gov.kz`;
  const person = { fullName: 'Жанболатова Айгерим', position: 'Бас маман', email: 'aigerim@akimat.gov.kz', phone: '+7 701 555 0101' };
  let id: string;

  beforeAll(async () => {
    stack = await startTestStack();
    admin = apiClient(stack.url, stack.adminKey);
    operator = apiClient(stack.url, await createTestKey('ucc_operator'));
    await admin('POST', '/v1/bodies', { body: newBody(bodyId) });
    await admin('POST', '/v1/bodies', { body: newBody(testBin(301)) });
    akimat = apiClient(stack.url, await createTestKey('body', bodyId));
    otherAkimat = apiClient(stack.url, await createTestKey('body', testBin(301)));
    await clearMails(stack.sesEndpoint);
  });
  afterAll(async () => {
    await admin('POST', '/local/clock', { body: { now: null } });
    await stack?.stop();
  });

  const setClock = async (now: string) => expect((await admin('POST', '/local/clock', { body: { now } })).status).toBe(200);
  const mailsTo = async (address: string) => (await sentMails(stack.sesEndpoint)).filter((mail) => mail.destination.to.includes(address));
  const deadline = (state: { deadlines: { key: string; status: string; dueAt: string }[] }, key: string) =>
    state.deadlines.find((entry) => entry.key === key);

  it('§4: the operator sends the request; the body has 2 working days across Nauryz', async () => {
    await setClock('2026-03-19T10:00:00+05:00'); // Thursday before Nauryz
    const created = await postTwice(operator, '/v1/acceptances', {
      bodyId,
      serviceCode: '00301001',
      serviceName: { kk: 'Мекенжай анықтамасын беру', ru: 'Выдача адресной справки' },
    }, 'open-00301001');
    expect(created.status).toBe(201);
    id = created.body.id;
    expect(created.body).toMatchObject({ status: 'requested', allowedActions: ['responsible-person'], version: 1 });
    // day 1 = Fri 20 March; 21–25 March are days off (Nauryz); day 2 = Thu 26 March.
    expect(deadline(created.body, 'appointResponsible')).toMatchObject({ status: 'open', dueAt: '2026-03-26T23:59:59.999+05:00', cite: '§5' });
    const skipped = deadline(created.body, 'appointResponsible') as unknown as { derivation: { date: string; counted: boolean; reason: string }[] };
    expect(skipped.derivation.filter((step) => !step.counted && /Nauryz/.test(step.reason)).map((step) => step.date)).toEqual([
      '2026-03-21', '2026-03-22', '2026-03-23', '2026-03-24', '2026-03-25',
    ]);
    const mails = await mailsTo(bodyEmail);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toMatch(/Запрос о приеме услуги на консультирование 00301001/i);
    expect(mails[0]?.body.text).toMatch(/26\.03\.2026 23:59/);
    expect(mails[0]?.body.text).toMatch(/Жауапты тұлғаны/);
  });

  it('answers a step in the wrong state with 409 naming the state and the allowed actions', async () => {
    const response = await operator('POST', `/v1/acceptances/${id}/registration`, { body: {} });
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ currentStatus: 'requested', allowedActions: ['responsible-person'] });
  });

  it("hides the acceptance from another body, exactly like a missing one", async () => {
    const other = await otherAkimat('GET', `/v1/acceptances/${id}`);
    const missing = await otherAkimat('GET', '/v1/acceptances/acc-00000000000000000000000000000000');
    expect(other.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(other.body.detail.replace(id, '<id>')).toBe(missing.body.detail.replace('acc-00000000000000000000000000000000', '<id>'));
    const step = await otherAkimat('POST', `/v1/acceptances/${id}/responsible-person`, { body: person });
    expect(step.status).toBe(404);
    const list = await otherAkimat('GET', '/v1/acceptances');
    expect(list.body.items).toEqual([]);
  });

  it('§5: the body appoints its responsible person, who is told what to submit within 3 working days', async () => {
    await setClock('2026-03-26T11:00:00+05:00');
    const current = await akimat('GET', `/v1/acceptances/${id}`);
    expect(current.headers.get('etag')).toBe('"1"');
    const stale = await akimat('POST', `/v1/acceptances/${id}/responsible-person`, { body: person, headers: { 'if-match': '"0"' } });
    expect(stale.status).toBe(412);
    const appointed = await postTwice(akimat, `/v1/acceptances/${id}/responsible-person`, person, 'appoint-1', { 'if-match': '"1"' });
    expect(appointed.status).toBe(200);
    expect(appointed.body.status).toBe('responsibleAppointed');
    expect(appointed.headers.get('etag')).toBe('"2"');
    expect(deadline(appointed.body, 'appointResponsible')?.status).toBe('met');
    // day 1 = Fri 27, day 2 = Mon 30, day 3 = Tue 31 March.
    expect(deadline(appointed.body, 'submitInformation')).toMatchObject({ status: 'open', dueAt: '2026-03-31T23:59:59.999+05:00' });
    const mails = await mailsTo(person.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.body.text).toMatch(/31\.03\.2026 23:59/);
    expect(mails[0]?.body.text).toMatch(/подписанную руководителем/);
  });

  it('§5: the body submits the signed information with a document; the SHA-256 is kept and the file can be read back', async () => {
    await setClock('2026-03-31T15:00:00+05:00');
    const pdf = Buffer.from('%PDF-1.7\n% signed by the head\n');
    const document = { fileName: 'service-info.pdf', contentType: 'application/pdf', contentBase64: pdf.toString('base64') };
    const wrongService = await akimat('POST', `/v1/acceptances/${id}/information`, { body: informationFor('99999999') });
    expect(wrongService.status).toBe(400);
    expect(wrongService.body.errors[0].field).toBe('body.serviceCode');
    const incomplete = await akimat('POST', `/v1/acceptances/${id}/information`, { body: { ...informationFor('00301001'), signedBy: undefined } });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.errors[0].field).toBe('body.signedBy');
    const submitted = await postTwice(akimat, `/v1/acceptances/${id}/information`, informationFor('00301001', { document }), 'info-1');
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe('informationSubmitted');
    expect(submitted.body.information.document).toEqual({
      fileName: 'service-info.pdf',
      contentType: 'application/pdf',
      size: pdf.length,
      sha256: (await import('node:crypto')).createHash('sha256').update(pdf).digest('hex'),
    });
    expect(deadline(submitted.body, 'submitInformation')?.status).toBe('met');
    // §8: training within 5 working days: 1, 2, 3, 6, 7 April.
    expect(deadline(submitted.body, 'holdTraining')).toMatchObject({ dueAt: '2026-04-07T23:59:59.999+05:00', cite: '§8' });
    const download = await apiFetch(`${stack.url}/v1/acceptances/${id}/documents/${submitted.body.information.document.sha256}`, {
      headers: { authorization: `Bearer ${stack.adminKey}` },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await download.arrayBuffer())).toEqual(pdf);
  });

  it('§5: the UCC registers the information as version 1 of the knowledge-base entry', async () => {
    await setClock('2026-04-01T10:00:00+05:00');
    const registered = await postTwice(operator, `/v1/acceptances/${id}/registration`, {}, 'register-1');
    expect(registered.body).toMatchObject({ status: 'informationRegistered', knowledgeBase: { entryVersion: 1 } });
    const entry = await operator('GET', `/v1/knowledge-base/${bodyId}/00301001`);
    expect(entry.status).toBe(200);
    expect(entry.body.current).toMatchObject({ version: 1, acceptanceId: id, information: { serviceCode: '00301001' } });
    expect((await mailsTo(person.email)).map((mail) => mail.subject)).toContainEqual(expect.stringMatching(/зарегистрирована/));
  });

  it('§8: training is held within 5 working days and the protocol is signed by both parties', async () => {
    await setClock('2026-04-06T16:00:00+05:00');
    const future = await akimat('POST', `/v1/acceptances/${id}/training`, { body: { heldOn: '2026-04-07', participants: [{ fullName: 'Оператор 1' }] } });
    expect(future.status).toBe(400);
    const training = await postTwice(akimat, `/v1/acceptances/${id}/training`, { heldOn: '2026-04-06', participants: [{ fullName: 'Оператор 1' }, { fullName: 'Оператор 2' }] }, 'training-1');
    expect(training.body.status).toBe('trainingHeld');
    expect(deadline(training.body, 'holdTraining')?.status).toBe('met');

    await setClock('2026-04-07T12:00:00+05:00');
    const oneSided = await operator('POST', `/v1/acceptances/${id}/protocol`, {
      body: { signedOn: '2026-04-07', signatories: [{ fullName: 'A', position: 'Director', party: 'ucc' }, { fullName: 'B', position: 'Deputy', party: 'ucc' }] },
    });
    expect(oneSided.status).toBe(400);
    expect(oneSided.body.errors[0].field).toBe('body.signatories');
    const protocol = await postTwice(operator, `/v1/acceptances/${id}/protocol`, {
      signedOn: '2026-04-07',
      number: '17-П',
      signatories: [
        { fullName: 'Директор ЕКЦ', position: 'Director', party: 'ucc' },
        { fullName: 'Аскаров Ерлан Серикович', position: 'Аким', party: 'body' },
      ],
    }, 'protocol-1');
    expect(protocol.body.status).toBe('protocolSigned');
    // §9: after 5 working days (8, 9, 10, 13, 14 April) consulting starts on 15 April.
    expect(protocol.body.consultationStartsOn).toBe('2026-04-15');
    const protocolMails = (await sentMails(stack.sesEndpoint)).filter((mail) => /протокол приема/i.test(mail.subject));
    expect(protocolMails).toHaveLength(1);
    expect(protocolMails[0]?.destination.to).toEqual(expect.arrayContaining([bodyEmail, person.email]));
    expect(protocolMails[0]?.body.text).toMatch(/15\.04\.2026/);
  });

  it('§9: the daily job makes it live on the start date, once, and tells both sides', async () => {
    await setClock('2026-04-14T08:00:00+05:00');
    const early = await admin('POST', '/local/jobs/acceptance-daily');
    expect(early.body.result.started.live).toEqual([]);
    // §9's date is the UCC's own deadline, listed with the others (and never noticed).
    const waiting = await operator('GET', `/v1/deadlines?status=open&bodyId=${bodyId}`);
    const start = waiting.body.items.find((deadline: { key: string; subject: { id: string } }) => deadline.key === 'startConsultation' && deadline.subject.id === id);
    expect(start).toMatchObject({ party: 'ucc', cite: '§9', dueDate: '2026-04-15', stages: {} });
    await setClock('2026-04-15T08:00:00+05:00');
    const first = await admin('POST', '/local/jobs/acceptance-daily');
    const second = await admin('POST', '/local/jobs/acceptance-daily');
    expect(first.body.result.started.live).toEqual([id]);
    expect(second.body.result.started.live).toEqual([]);
    const live = await akimat('GET', `/v1/acceptances/${id}`);
    expect(live.body).toMatchObject({ status: 'live', allowedActions: [] });
    expect(live.body.history.map((entry: { to: string }) => entry.to)).toEqual([
      'requested', 'responsibleAppointed', 'informationSubmitted', 'informationRegistered', 'trainingHeld', 'protocolSigned', 'live',
    ]);
    const liveMails = (await sentMails(stack.sesEndpoint)).filter((mail) => /начато консультирование/i.test(mail.subject));
    expect(liveMails).toHaveLength(1);
    const met = await operator('GET', `/v1/deadlines?status=met&bodyId=${bodyId}`);
    expect(met.body.items.map((deadline: { key: string }) => deadline.key)).toContain('startConsultation');
    // Every e-mail of the walk, each exactly once, despite every POST being sent twice.
    const subjects = (await sentMails(stack.sesEndpoint)).map((mail) => mail.subject.split(' / ')[1]);
    expect(subjects).toEqual([
      'ЕКЦ 1414: запрос о приеме услуги на консультирование 00301001',
      'ЕКЦ 1414: представление информации по услуге 00301001',
      'ЕКЦ 1414: информация по услуге 00301001 зарегистрирована',
      'ЕКЦ 1414: протокол приема услуги 00301001',
      'ЕКЦ 1414: начато консультирование по услуге 00301001',
    ]);
  });

  it('keeps the audit trail: who did what, when', async () => {
    const events = await operator('GET', `/v1/acceptances/${id}/events?limit=100`);
    const types = events.body.items.map((event: { type: string }) => event.type);
    expect(types.filter((type: string) => !type.startsWith('Deadline'))).toEqual([
      'AcceptanceOpened', 'ResponsiblePersonAppointed', 'InformationSubmitted', 'InformationRegistered', 'TrainingHeld', 'ProtocolSigned', 'AcceptanceLive',
    ]);
    expect(events.body.items.find((event: { type: string }) => event.type === 'InformationSubmitted').actor).toMatch(/^test-body-/);
  });

  it('lists by body, status and overdue', async () => {
    const late = await operator('POST', '/v1/acceptances', { body: { bodyId, serviceCode: '00301002', serviceName: { kk: 'Қызмет', ru: 'Услуга' } } });
    expect(late.status).toBe(201);
    await setClock('2026-04-30T10:00:00+05:00');
    const overdue = await operator('GET', `/v1/acceptances?bodyId=${bodyId}&overdue=true`);
    expect(overdue.body.items.map((item: { id: string }) => item.id)).toEqual([late.body.id]);
    const live = await akimat('GET', '/v1/acceptances?status=live');
    expect(live.body.items.map((item: { id: string }) => item.id)).toEqual([id]);
  });
});
