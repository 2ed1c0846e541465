import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, closeScenario, createTestKey, openBodyScenario, sentMails, type BodyScenario } from '../../support/local-stack.ts';
import { newBody, testBin } from '../../support/fixtures.ts';

const bodyId = testBin(900);
const otherBodyId = testBin(901);
const authorityId = testBin(902);
const authority = newBody(authorityId, 'quality_authority');
const pdf = (label: string) => Buffer.from(`%PDF-1.7\n% ${label}\n1 0 obj << >> endobj\n%%EOF\n`);
const documentOf = (label: string) => ({ fileName: `${label}.pdf`, contentType: 'application/pdf', contentBase64: pdf(label).toString('base64') });
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('information requests (§10–§11) and escalation of refusals to the quality authority (§12)', () => {
  let scenario: BodyScenario;
  let otherBody: ReturnType<typeof apiClient>;
  let uccEmail: string;
  const setClock = async (now: string) => expect((await scenario.admin('POST', '/local/clock', { body: { now } })).status).toBe(200);
  const ask = async (question: string, extra: Record<string, unknown> = {}, target = bodyId) => {
    const response = await scenario.operator('POST', '/v1/information-requests', { body: { bodyId: target, question, ...extra } });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body as { id: string; dueAt: string; status: string };
  };
  const refuse = (id: string, ground: string, client = scenario.akimat, extra: Record<string, unknown> = {}) =>
    client('POST', `/v1/information-requests/${id}/refusal`, { body: { ground, justification: `Основание: ${ground}`, ...extra } });
  const mailsAbout = async (pattern: RegExp) => (await sentMails(scenario.stack.sesEndpoint)).filter((mail) => pattern.test(mail.subject));

  beforeAll(async () => {
    scenario = await openBodyScenario(bodyId);
    expect((await scenario.admin('POST', '/v1/bodies', { body: authority })).status).toBe(201);
    expect((await scenario.admin('POST', '/v1/bodies', { body: newBody(otherBodyId) })).status).toBe(201);
    otherBody = apiClient(scenario.stack.url, await createTestKey('body', otherBodyId));
    uccEmail = (await scenario.admin('GET', '/v1/bodies?kind=ucc')).body.items[0].email;
  });
  afterAll(async () => closeScenario(scenario));

  it('asks a body with a document; the answer is due in 3 working days across Nauryz and the body is mailed the document', async () => {
    // Thursday 19 March 2026; 21–25 March are days off: 20, 26, 27 March.
    await setClock('2026-03-19T10:00:00+05:00');
    const request = await ask('Уточните перечень документов для справки', { attachments: [documentOf('question')] });
    expect(request).toMatchObject({ status: 'open', dueAt: '2026-03-27T23:59:59.999+05:00' });
    const [mail] = await mailsAbout(/запрос информации/);
    expect(mail?.destination.to).toEqual([`office-${bodyId}@akimat.gov.kz`]);
    expect(mail?.attachments.map((attachment) => sha256(Buffer.from(attachment.content, 'base64')))).toEqual([sha256(pdf('question'))]);
    const deadlines = await scenario.operator('GET', `/v1/deadlines?bodyId=${bodyId}`);
    const download = await scenario.akimat('GET', `/v1/information-requests/${request.id}/documents/${sha256(pdf('question'))}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect((await otherBody('GET', `/v1/information-requests/${request.id}/documents/${sha256(pdf('question'))}`)).status).toBe(404);
    const disguised = await scenario.operator('POST', '/v1/information-requests', {
      body: { bodyId, question: 'PNG под видом PDF', attachments: [{ fileName: 'x.pdf', contentType: 'application/pdf', contentBase64: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).toString('base64') }] },
    });
    expect(disguised.status).toBe(400);
    expect(disguised.body.errors[0].field).toBe('body.attachments[0].contentBase64');
    expect(deadlines.body.items).toEqual([
      expect.objectContaining({ key: 'answerInformationRequest', subject: expect.objectContaining({ type: 'informationRequest', id: request.id }) }),
    ]);
  });

  it('takes the answer once, tells the UCC, and closes the deadline as met', async () => {
    const [request] = (await scenario.operator('GET', `/v1/information-requests?bodyId=${bodyId}&status=open`)).body.items;
    const answered = await scenario.akimat('POST', `/v1/information-requests/${request.id}/answer`, { body: { text: 'Перечень: удостоверение личности.' } });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: 'answered', answer: { channel: 'written' }, allowedActions: [] });
    const again = await scenario.akimat('POST', `/v1/information-requests/${request.id}/answer`, { body: { text: 'ещё раз' } });
    expect(again.status).toBe(409);
    expect((await mailsAbout(/ответ на запрос/)).map((mail) => mail.destination.to)).toEqual([[uccEmail]]);
    expect((await scenario.operator('GET', `/v1/deadlines?bodyId=${bodyId}&status=met`)).body.items).toHaveLength(1);
  });

  it('refuses bad input naming the field, and hides one body’s requests from another', async () => {
    const request = await ask('Вопрос для проверки доступа');
    const bad = await refuse(request.id, 'no-such-ground');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('body.ground');
    expect((await otherBody('GET', `/v1/information-requests/${request.id}`)).status).toBe(404);
    expect((await refuse(request.id, 'other', otherBody)).status).toBe(404);
    expect((await otherBody('GET', '/v1/information-requests')).body.items).toEqual([]);
    // Tidy: answered by phone, logged by the operator (§11.2).
    const logged = await scenario.operator('POST', `/v1/information-requests/${request.id}/answer`, { body: { channel: 'phone', text: 'Разъяснено по телефону' } });
    expect(logged.body.answer).toMatchObject({ channel: 'phone' });
  });

  it('escalates the second refusal of a month to the quality authority with every refusal and its documents, then one supplement', async () => {
    await clearInbox();
    await setClock('2026-03-30T10:00:00+05:00');
    const first = await ask('Сведения о штатной численности', { attachments: [documentOf('first-question')] });
    const second = await ask('Сведения о подрядчиках');
    const third = await ask('Сведения о тарифах');

    // A lawful refusal (§11.1) counts, and is listed as lawful.
    expect((await refuse(first.id, 'state_secret')).status).toBe(200);
    const watching = await scenario.operator('GET', `/v1/escalations?bodyId=${bodyId}`);
    expect(watching.body.items).toEqual([expect.objectContaining({ month: '2026-03', status: 'watching', refusals: [expect.objectContaining({ lawful: true })] })]);
    expect(await mailsAbout(/отказы в предоставлении информации/)).toEqual([]);

    // 23:30 Almaty on 31 March is 18:30 UTC: still March.
    await setClock('2026-03-31T23:30:00+05:00');
    expect((await refuse(second.id, 'other', scenario.akimat, { attachments: [documentOf('refusal')] })).status).toBe(200);
    const letters = await mailsAbout(/отказы в предоставлении информации/);
    expect(letters).toHaveLength(1);
    expect(letters[0]!.destination.to).toEqual([authority.email]);
    expect(letters[0]!.destination.cc).toEqual([authority.head.email, uccEmail]);
    expect(letters[0]!.body.text).toContain('правомерно (пункт 11.1)');
    expect(letters[0]!.body.text).toContain('без законного основания');
    expect(letters[0]!.attachments.map((attachment) => sha256(Buffer.from(attachment.content, 'base64'))).sort()).toEqual(
      [sha256(pdf('first-question')), sha256(pdf('refusal'))].sort(),
    );

    expect((await refuse(third.id, 'commercial_secret')).status).toBe(200);
    expect(await mailsAbout(/дополнение/)).toHaveLength(1);
    expect(await mailsAbout(/отказы в предоставлении информации/)).toHaveLength(1);
    const escalated = await scenario.admin('GET', `/v1/escalations?month=2026-03`);
    expect(escalated.body.items).toEqual([expect.objectContaining({ bodyId, status: 'escalated', refusals: expect.any(Array), supplements: [expect.objectContaining({ requestId: third.id })] })]);
    expect(escalated.body.items[0].refusals).toHaveLength(3);
    // The unlawful refusal is on the body's compliance record (§21); the lawful ones are not.
    const compliance = await scenario.akimat('GET', `/v1/bodies/${bodyId}/compliance`);
    expect(compliance.body.violations.byRule).toMatchObject({ informationRefusal: 1 });
  });

  it('starts a new month at Almaty midnight: a refusal ten minutes into 1 April opens April’s escalation, unescalated', async () => {
    await setClock('2026-03-31T23:50:00+05:00');
    const request = await ask('Вопрос в конце месяца');
    await setClock('2026-04-01T00:10:00+05:00'); // 31 March 19:10 UTC
    expect((await refuse(request.id, 'other')).status).toBe(200);
    const april = await scenario.operator('GET', `/v1/escalations?bodyId=${bodyId}&month=2026-04`);
    expect(april.body.items).toEqual([expect.objectContaining({ status: 'watching', refusals: [expect.objectContaining({ requestId: request.id })] })]);
  });

  it('builds one escalation when two refusals arrive at once', async () => {
    await clearInbox();
    const otherRequests = [await ask('Первый вопрос', {}, otherBodyId), await ask('Второй вопрос', {}, otherBodyId)];
    const responses = await Promise.all(otherRequests.map((request) => refuse(request.id, 'other', otherBody)));
    expect(responses.map((response) => response.status)).toEqual([200, 200]);
    const letters = await mailsAbout(new RegExp(`отказы в предоставлении информации, Акимат ${otherBodyId}`));
    expect(letters).toHaveLength(1);
    const escalations = await scenario.operator('GET', `/v1/escalations?bodyId=${otherBodyId}`);
    expect(escalations.body.items).toEqual([expect.objectContaining({ status: 'escalated', refusals: expect.any(Array) })]);
    expect(escalations.body.items[0].refusals).toHaveLength(2);
  });

  it('watches the answer deadline like any other: the breach goes to the body and its head', async () => {
    await setClock('2026-04-06T10:00:00+05:00'); // Monday: due Thursday 9 April
    const request = await ask('Вопрос без ответа');
    expect(request.dueAt).toBe('2026-04-09T23:59:59.999+05:00');
    await setClock('2026-04-10T09:00:00+05:00');
    expect((await scenario.admin('POST', '/local/jobs/deadline-sweep')).status).toBe(200);
    const breaches = await mailsAbout(/Нарушен срок \(req-/);
    expect(breaches.map((mail) => mail.subject)).toEqual([expect.stringContaining('ответ на запрос информации ЕКЦ (пункты 10–11)')]);
    expect(breaches[0]!.destination.cc).toEqual([`akim-${bodyId}@akimat.gov.kz`]);
  });

  it('keeps the compliance record (§21) by period: refusals by ground, escalations, deadlines per step; and ranks the bodies', async () => {
    const march = await scenario.akimat('GET', `/v1/bodies/${bodyId}/compliance?from=2026-03-01&to=2026-03-31`);
    expect(march.status).toBe(200);
    expect(march.body).toMatchObject({
      period: { from: '2026-03-01', to: '2026-03-31' },
      refusals: { total: 3, lawful: 2, byGround: { state_secret: 1, other: 1, commercial_secret: 1 } },
      escalations: 1,
      deadlines: { byStep: { answerInformationRequest: { met: 5, missed: 0 } } },
      violations: { total: 1, byRule: { informationRefusal: 1 } },
    });
    expect(march.body.violations.items).toHaveLength(1);
    const april = await scenario.akimat('GET', `/v1/bodies/${bodyId}/compliance?from=2026-04-01&to=2026-04-30`);
    expect(april.body).toMatchObject({ refusals: { total: 1 }, escalations: 0, violations: { byRule: { informationRefusal: 1, answerInformationRequest: 1 } } });

    const quality = apiClient(scenario.stack.url, await createTestKey('quality_authority'));
    const ranking = await quality('GET', '/v1/compliance?from=2026-04-01&to=2026-04-30');
    expect(ranking.status).toBe(200);
    expect(ranking.body.items.map((entry: { rank: number; bodyId: string }) => [entry.rank, entry.bodyId])).toEqual([
      [1, otherBodyId],
      [2, bodyId],
    ]);
    expect((await scenario.akimat('GET', '/v1/compliance')).status).toBe(403);
    const bad = await quality('GET', '/v1/compliance?from=2026-05-01&to=2026-04-01');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('query.from');
  });

  async function clearInbox() {
    const { clearMails } = await import('../../support/local-stack.ts');
    await clearMails(scenario.stack.sesEndpoint);
  }
});
