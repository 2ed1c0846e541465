import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, clearMails, closeScenario, createTestKey, openBodyScenario, sentMails, type BodyScenario } from '../../support/local-stack.ts';
import { newBody, testBin } from '../../support/fixtures.ts';

const bodyId = testBin(910);
const authorityId = testBin(911);
const authority = newBody(authorityId, 'quality_authority');
const discrepancy = { bodyId, period: '2026-Q1', indicator: 'Число обращений', bodyFigure: 120, uccFigure: 134 };
const pdf = Buffer.from('%PDF-1.7\n% explanation\n%%EOF\n');

describe('the quality authority’s cases: discrepancies (§20) and training of its staff (§19)', () => {
  let scenario: BodyScenario;
  let quality: ReturnType<typeof apiClient>;
  let uccEmail: string;
  const setClock = async (now: string) => expect((await scenario.admin('POST', '/local/clock', { body: { now } })).status).toBe(200);
  const mailsAbout = async (pattern: RegExp) => (await sentMails(scenario.stack.sesEndpoint)).filter((mail) => pattern.test(mail.subject));

  beforeAll(async () => {
    scenario = await openBodyScenario(bodyId);
    expect((await scenario.admin('POST', '/v1/bodies', { body: authority })).status).toBe(201);
    quality = apiClient(scenario.stack.url, await createTestKey('quality_authority'));
    uccEmail = (await scenario.admin('GET', '/v1/bodies?kind=ucc')).body.items[0].email;
  });
  afterAll(async () => closeScenario(scenario));

  describe('discrepancies (§20)', () => {
    let id: string;

    it('registers a case; the UCC’s explanation is due the next working day, across Nauryz', async () => {
      await setClock('2026-03-20T10:00:00+05:00'); // Friday; 21–25 March are days off
      const registered = await quality('POST', '/v1/discrepancies', { body: discrepancy });
      expect(registered.status).toBe(201);
      id = registered.body.id;
      expect(registered.body).toMatchObject({ status: 'open', deadlines: [expect.objectContaining({ party: 'ucc', dueAt: '2026-03-26T23:59:59.999+05:00', cite: '§20' })] });
      expect((await mailsAbout(/расхождение в отчетности/)).map((mail) => mail.destination.to)).toEqual([[uccEmail]]);
    });

    it('refuses a case with equal figures (400 on the field), and a body’s client (403)', async () => {
      const equal = await quality('POST', '/v1/discrepancies', { body: { ...discrepancy, uccFigure: 120 } });
      expect(equal.status).toBe(400);
      expect(equal.body.errors[0].field).toBe('body.uccFigure');
      expect((await scenario.akimat('POST', '/v1/discrepancies', { body: discrepancy })).status).toBe(403);
    });

    it('sends the UCC’s explanation to the quality authority with its document, once', async () => {
      const explained = await scenario.operator('POST', `/v1/discrepancies/${id}/explanation`, {
        body: { explanation: 'Три обращения учтены в апреле.', attachments: [{ fileName: 'note.pdf', contentType: 'application/pdf', contentBase64: pdf.toString('base64') }] },
      });
      expect(explained.status).toBe(200);
      expect(explained.body.deadlines[0]).toMatchObject({ status: 'met' });
      const [mail] = await mailsAbout(/объяснение расхождения/);
      expect(mail?.destination.to).toEqual([authority.email]);
      expect(mail?.attachments.map((attachment) => createHash('sha256').update(Buffer.from(attachment.content, 'base64')).digest('hex'))).toEqual([
        createHash('sha256').update(pdf).digest('hex'),
      ]);
      expect((await scenario.operator('POST', `/v1/discrepancies/${id}/explanation`, { body: { explanation: 'ещё' } })).status).toBe(409);
    });

    it('lists an unexplained case as overdue, breaches it to the UCC, and puts nothing on the body’s record', async () => {
      await clearMails(scenario.stack.sesEndpoint);
      await setClock('2026-04-06T10:00:00+05:00'); // Monday: due Tuesday 7 April
      const late = await quality('POST', '/v1/discrepancies', { body: { ...discrepancy, period: '2026-03' } });
      await setClock('2026-04-08T09:00:00+05:00');
      const overdue = await scenario.operator('GET', '/v1/deadlines?status=overdue');
      expect(overdue.body.items.map((deadline: { subject: { id: string } }) => deadline.subject.id)).toContain(late.body.id);
      expect((await scenario.admin('POST', '/local/jobs/deadline-sweep')).status).toBe(200);
      const breaches = await mailsAbout(/Нарушен срок/);
      expect(breaches.map((mail) => [mail.destination.to, mail.destination.cc])).toEqual([[[uccEmail], []]]);
      expect(breaches[0]?.subject).toContain('объяснение расхождения в отчетности (пункт 20)');
      expect((await scenario.akimat('GET', `/v1/bodies/${bodyId}/compliance`)).body.violations.total).toBe(0);
    });
  });

  describe('training of the quality authority’s staff (§19)', () => {
    let id: string;

    it('takes the written request: the UCC has 10 working days', async () => {
      await setClock('2026-04-20T10:00:00+05:00'); // Monday; 1 and 7 May are holidays
      const requested = await quality('POST', '/v1/qa-trainings', { body: { topic: 'Обмен информацией с ЕКЦ', participants: 12 } });
      expect(requested.status).toBe(201);
      id = requested.body.id;
      expect(requested.body).toMatchObject({ status: 'requested', bodyId: authorityId, deadlines: [expect.objectContaining({ dueDate: '2026-05-05', party: 'ucc' })] });
    });

    it('schedules it on a working day only, and tells the authority', async () => {
      const holiday = await scenario.operator('POST', `/v1/qa-trainings/${id}/schedule`, { body: { scheduledOn: '2026-05-01' } });
      expect(holiday.status).toBe(400);
      expect(holiday.body.errors[0].field).toBe('body.scheduledOn');
      const scheduled = await scenario.operator('POST', `/v1/qa-trainings/${id}/schedule`, { body: { scheduledOn: '2026-04-30' } });
      expect(scheduled.status).toBe(200);
      expect((await mailsAbout(/обучение назначено на 30\.04\.2026/)).map((mail) => mail.destination.to)).toEqual([[authority.email]]);
    });

    it('closes the deadline by the day the training was held, though recorded later', async () => {
      await setClock('2026-05-06T10:00:00+05:00');
      const held = await scenario.operator('POST', `/v1/qa-trainings/${id}/held`, { body: { heldOn: '2026-04-30', participants: [{ fullName: 'Сотрудник 1' }] } });
      expect(held.status).toBe(200);
      expect(held.body).toMatchObject({ status: 'held', deadlines: [expect.objectContaining({ status: 'met' })] });
      expect((await quality('GET', '/v1/qa-trainings?status=held')).body.items.map((item: { id: string }) => item.id)).toEqual([id]);
    });
  });
});
