import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpResult } from '#http/middleware/http-route.ts';
import { dynamo } from '#adapters/dynamo.ts';
import { toApiGatewayEvent } from '#infra/local/api-gateway-event.ts';
import { loadHandler } from '#infra/local/handlers.ts';
import { lambdaContext } from '#infra/local/lambda-context.ts';
import { ROUTES, routeKey } from '#http/routes.ts';
import { apiClient, captureLogs, closeScenario, createTestKey, openBodyScenario, sentMails, settled, type BodyScenario } from '../../support/local-stack.ts';
import { signedDocument } from '../../support/cms.ts';
import { newBody, seedYearWithDaysOff, testBin } from '../../support/fixtures.ts';

type Api = ReturnType<typeof apiClient>;

const akimatId = testBin(1400); // a local executive body
const centreId = testBin(1401); // a public service centre
const authorityId = testBin(1402);
const authority = newBody(authorityId, 'quality_authority');
const complainant = { fullName: 'Серикова Алия Нурлановна', phone: '+7 701 234 56 78', email: 'aliya.serikova@mail.kz' };
const SIGNER = '/C=KZ/CN=СЕРИКОВА АЛИЯ/SN=СЕРИКОВА/serialNumber=IIN880101400123';
const signed = signedDocument('Жалоба: в ЦОН отказали в приёме документов без объяснения причин.\n', SIGNER);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const CITE = 'Law "On public services" No. 88-V of 15 April 2013, Art. 25';

const complaintOf = (portalNumber: string, extra: Record<string, unknown> = {}) => ({
  portalNumber,
  bodyId: akimatId,
  addressedTo: 'service_provider',
  category: 'procedure',
  serviceCode: '00301001',
  serviceName: 'Выдача адресной справки',
  complainant,
  receivedAt: '2026-03-20T09:30:00+05:00',
  document: { fileName: 'complaint.cms', contentType: 'application/pkcs7-mime', contentBase64: signed.toString('base64') },
  ...extra,
});

describe('complaints (§17): registration from the portal, review periods (Art. 25), outcomes and violations (§18)', () => {
  let scenario: BodyScenario;
  let centre: Api;
  let quality: Api;
  const ids: Record<string, string> = {};
  const setClock = async (now: string) => expect((await scenario.admin('POST', '/local/clock', { body: { now } })).status).toBe(200);
  const register = async (portalNumber: string, extra: Record<string, unknown> = {}) => {
    const response = await scenario.operator('POST', '/v1/complaints', { body: complaintOf(portalNumber, extra) });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body as { id: string; version: number; reviewPeriod: Record<string, unknown>; document: { signers: { validAtReceipt: boolean }[] } };
  };
  const outcome = (client: Api, id: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    client('POST', `/v1/complaints/${id}/outcome`, { body: { decision: 'satisfied', summary: 'Документы приняты, справка выдана.', ...extra }, headers });
  const mailsAbout = async (pattern: RegExp) => (await sentMails(scenario.stack.sesEndpoint)).filter((mail) => pattern.test(mail.subject));

  beforeAll(async () => {
    scenario = await openBodyScenario(akimatId);
    expect((await scenario.admin('POST', '/v1/bodies', { body: authority })).status).toBe(201);
    expect((await scenario.admin('POST', '/v1/bodies', { body: newBody(centreId, 'public_service_center') })).status).toBe(201);
    centre = apiClient(scenario.stack.url, await createTestKey('body', centreId));
    quality = apiClient(scenario.stack.url, await createTestKey('quality_authority'));
  });
  afterAll(async () => closeScenario(scenario));

  it('registers a complaint with its signed document: the signer shown, due in 5 working days across Nauryz, the body told', async () => {
    // Arrange: Friday 20 March 2026; 21–25 March are days off
    await setClock('2026-03-20T11:00:00+05:00');
    const logs = await captureLogs();
    // Act
    let created;
    try {
      created = await register('ZT-2026-0001');
      ids.inTime = created.id;
      expect((await scenario.operator('GET', `/v1/complaints/${created.id}`)).status).toBe(200);
    } finally {
      logs.restore();
    }
    // Assert
    expect(created).toMatchObject({
      status: 'open',
      bodyKind: 'local_executive_body',
      reviewerId: akimatId,
      registeredOn: '2026-03-20',
      month: '2026-03',
      complainant: { fullName: complainant.fullName, phone: '+77012345678', email: complainant.email },
      document: { sha256: sha256(signed), contentType: 'application/pkcs7-mime', signers: [expect.objectContaining({ subject: 'C=KZ, CN=СЕРИКОВА АЛИЯ, SN=СЕРИКОВА, serialNumber=IIN880101400123' })] },
      reviewPeriod: { rule: 'complaintReview', workingDays: 5, cite: CITE, dueDate: '2026-04-01', dueAt: '2026-04-01T23:59:59.999+05:00', status: 'open', overdue: false },
      allowedActions: [],
    });
    // The test certificate was made today, long after the portal received the complaint.
    expect(created.document.signers[0]!.validAtReceipt).toBe(false);
    const skipped = (created.reviewPeriod.derivation as { date: string; counted: boolean; reason: string }[]).filter((step) => !step.counted);
    expect(skipped.map((step) => step.date)).toEqual(['2026-03-20', '2026-03-21', '2026-03-22', '2026-03-23', '2026-03-24', '2026-03-25', '2026-03-28', '2026-03-29']);
    const [mail] = await mailsAbout(/зарегистрирована жалоба ZT-2026-0001/);
    expect(mail?.destination.to).toEqual([`office-${akimatId}@akimat.gov.kz`]);
    expect(mail?.body.text).toContain('01.04.2026 23:59');
    expect(JSON.stringify(mail)).not.toMatch(/Серикова|2345678|aliya/);
    const deadlines = await scenario.operator('GET', `/v1/deadlines?bodyId=${akimatId}`);
    expect(deadlines.body.items).toEqual([expect.objectContaining({ key: 'complaintReview', cite: CITE, subject: expect.objectContaining({ type: 'complaint', id: created.id }) })]);
    const download = await scenario.operator('GET', `/v1/complaints/${created.id}/documents/${sha256(signed)}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pkcs7-mime');
    // Personal data never goes to the logs (which did record the request and its mail).
    expect(logs.text()).toContain('complaint-registered');
    expect(logs.text()).not.toMatch(/Серикова|СЕРИКОВА|2345678|aliya|IIN88/);
  });

  it('finds the same complaint again by its portal number, and refuses the number with other details', async () => {
    // Act
    const again = await scenario.operator('POST', '/v1/complaints', { body: complaintOf('ZT-2026-0001') });
    const other = await scenario.operator('POST', '/v1/complaints', { body: complaintOf('ZT-2026-0001', { category: 'staff_action_inaction' }) });
    // Assert
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: ids.inTime, version: 1, category: 'procedure' });
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({ complaintId: ids.inTime, differing: ['body.category'] });
    expect(await mailsAbout(/зарегистрирована жалоба ZT-2026-0001/)).toHaveLength(1);
  });

  it('shows the body its complaint with the complainant and signer masked, the UCC and the quality authority whole; another body nothing', async () => {
    // Act
    const own = await scenario.akimat('GET', `/v1/complaints/${ids.inTime}`);
    const byAuthority = await quality('GET', `/v1/complaints/${ids.inTime}`);
    const byOther = await centre('GET', `/v1/complaints/${ids.inTime}`);
    // Assert
    expect(own.status).toBe(200);
    expect(own.body.complainant).toEqual({ fullName: 'С*** А*** Н***', phone: '+7***78', email: 'a***@mail.kz', masked: true });
    expect(own.body.document.signers).toEqual([expect.objectContaining({ subject: 'C=KZ, CN=С*** А***, SN=С***, serialNumber=I***', masked: true })]);
    expect(JSON.stringify(own.body)).not.toMatch(/Серикова|СЕРИКОВА|2345678|aliya|IIN88/);
    expect(own.body.allowedActions).toEqual(['outcome']);
    expect(byAuthority.body.complainant).toEqual({ fullName: complainant.fullName, phone: '+77012345678', email: complainant.email });
    expect(byAuthority.body.document.signers[0].subject).toContain('IIN880101400123');
    expect(byOther.status).toBe(404);
    expect((await centre('GET', '/v1/complaints')).body.items).toEqual([]);
    // The signed complaint carries the personal data itself: the UCC and the authority only.
    expect((await scenario.akimat('GET', `/v1/complaints/${ids.inTime}/documents/${sha256(signed)}`)).status).toBe(404);
    expect((await quality('GET', `/v1/complaints/${ids.inTime}/documents/${sha256(signed)}`)).status).toBe(200);
  });

  it('refuses bad input naming the field, and stores nothing', async () => {
    const bad = async (body: Record<string, unknown>, field: string) => {
      const response = await scenario.operator('POST', '/v1/complaints', { body });
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    };
    await bad(complaintOf('ZT-BAD-1', { complainant: { fullName: 'Иван' } }), 'body.complainant.phone');
    await bad(complaintOf('ZT-BAD-2', { addressedTo: 'akim' }), 'body.addressedTo');
    await bad(complaintOf('ZT-BAD-3', { document: { fileName: 'x.cms', contentType: 'application/pkcs7-mime', contentBase64: Buffer.from('%PDF-1.7').toString('base64') } }), 'body.document.contentBase64');
    await bad(complaintOf('ZT-BAD-4', { receivedAt: '2026-03-21T09:30:00+05:00' }), 'body.receivedAt');
    await bad(complaintOf('ZT-BAD-5', { registeredOn: '2026-03-19' }), 'body.registeredOn');
    await bad(complaintOf('ZT-BAD-6', { bodyId: authorityId }), 'body.bodyId');
    await bad(complaintOf('bad number with spaces'), 'body.portalNumber');
    const listed = await scenario.operator('GET', '/v1/complaints?limit=100');
    expect(listed.body.items.map((item: { portalNumber: string }) => item.portalNumber)).toEqual(['ZT-2026-0001']);
  });

  it('lets only the reviewer record the outcome: another body’s complaint is missing (404), one addressed to the quality authority is its own (403)', async () => {
    // Arrange: one complaint about the centre, one about the akimat addressed to the authority
    ids.late = (await register('ZT-2026-0002', { bodyId: centreId, category: 'standard_noncompliance', receivedAt: '2026-03-20T09:40:00+05:00' })).id;
    const toAuthority = await register('ZT-2026-0003', { addressedTo: 'quality_authority', category: 'staff_action_inaction', receivedAt: '2026-03-20T09:50:00+05:00' });
    ids.toAuthority = toAuthority.id;
    // Act
    const byOtherBody = await scenario.akimat('POST', `/v1/complaints/${ids.late}/outcome`, { body: { decision: 'rejected', summary: 'Не наше' } });
    const missing = await scenario.akimat('POST', `/v1/complaints/cmp-${'0'.repeat(32)}/outcome`, { body: { decision: 'rejected', summary: 'Нет такой' } });
    const byProvider = await outcome(scenario.akimat, ids.toAuthority);
    const byAuthorityOnProviders = await outcome(quality, ids.late);
    const byOperator = await outcome(scenario.operator, ids.late);
    // Assert
    expect(toAuthority.reviewPeriod).toMatchObject({ rule: 'complaintReviewByAuthority', workingDays: 15, dueDate: '2026-04-15' });
    expect(byOtherBody.status).toBe(404);
    expect(JSON.stringify({ ...byOtherBody.body, requestId: 0, instance: 0 }).replaceAll(ids.late!, 'x')).toBe(
      JSON.stringify({ ...missing.body, requestId: 0, instance: 0 }).replaceAll(`cmp-${'0'.repeat(32)}`, 'x'),
    );
    expect(byProvider.status).toBe(403);
    expect(byAuthorityOnProviders.status).toBe(403);
    expect(byOperator.status).toBe(403);
    const [toQuality] = await mailsAbout(/зарегистрирована жалоба ZT-2026-0003/);
    expect(toQuality?.destination.to).toEqual([authority.email]);
  });

  it('records the outcome in time: the period met, no violation; a stale If-Match and a second outcome are refused', async () => {
    // Arrange: Wednesday 1 April 18:00, the due day
    await setClock('2026-04-01T18:00:00+05:00');
    // Act
    const stale = await outcome(scenario.akimat, ids.inTime!, {}, { 'if-match': '"7"' });
    const recorded = await outcome(scenario.akimat, ids.inTime!, {}, { 'if-match': '"1"' });
    const second = await outcome(scenario.akimat, ids.inTime!);
    // Assert
    expect(stale.status).toBe(412);
    expect(recorded.status).toBe(200);
    expect(recorded.body).toMatchObject({ status: 'resolved', outcome: { decision: 'satisfied', inTime: true }, reviewPeriod: { status: 'met', overdue: false }, allowedActions: [] });
    expect(recorded.headers.get('etag')).toBe('"2"');
    expect(second.status).toBe(409);
    const [told] = await mailsAbout(/жалоба ZT-2026-0001 рассмотрена/);
    expect(told?.body.text).not.toContain('нарушен');
    const compliance = await scenario.akimat('GET', `/v1/bodies/${akimatId}/compliance?from=2026-03-01&to=2026-04-30`);
    expect(compliance.body.deadlines.byStep).toEqual({ complaintReview: { met: 1, missed: 0 } });
    expect(compliance.body.violations.total).toBe(0);
  });

  it('records a late outcome as missed: a violation of the legal period, counted for the body and its kind', async () => {
    // Arrange: 00:05 on Thursday 2 April, five minutes after the centre's period ran out
    await setClock('2026-04-02T00:05:00+05:00');
    // Act
    const late = await outcome(centre, ids.late!, { decision: 'partially_satisfied' });
    // Assert
    expect(late.status).toBe(200);
    expect(late.body).toMatchObject({ outcome: { inTime: false }, reviewPeriod: { status: 'missed', overdue: true } });
    const april = await quality('GET', '/v1/complaint-violations?month=2026-04');
    expect(april.status).toBe(200);
    expect(april.body).toMatchObject({
      month: '2026-04',
      total: 1,
      byKind: { central_body: 0, local_executive_body: 0, public_service_center: 1, service_provider: 0 },
      byBody: [{ bodyId: centreId, bodyKind: 'public_service_center', violations: 1 }],
      items: [expect.objectContaining({ complaintId: ids.late, portalNumber: 'ZT-2026-0002', category: 'standard_noncompliance', rule: 'complaintReview' })],
    });
    const compliance = await centre('GET', `/v1/bodies/${centreId}/compliance?from=2026-03-01&to=2026-04-30`);
    expect(compliance.body).toMatchObject({ deadlines: { byStep: { complaintReview: { met: 0, missed: 1 } } }, violations: { total: 1, byRule: { complaintReview: 1 } } });
    const [told] = await mailsAbout(/жалоба ZT-2026-0002 рассмотрена/);
    expect(told?.body.text).toContain('нарушен установленный законом срок рассмотрения');
  });

  it('reminds the reviewer the working day before and on the due day, sends the breach notice when the period passes unresolved, and counts it once when the outcome comes late after it', async () => {
    // Arrange: Monday 6 April; 5 working days: due Monday 13 April
    await setClock('2026-04-06T10:00:00+05:00');
    const unresolved = await register('ZT-2026-0004', { receivedAt: '2026-04-06T09:00:00+05:00' });
    ids.breached = unresolved.id;
    expect(unresolved.reviewPeriod).toMatchObject({ dueDate: '2026-04-13' });
    await settled();
    // Act: the mornings of the working day before the due day (Friday 10 April) and of the due day
    const remindersOf = async (stage: RegExp) =>
      (await mailsAbout(stage)).filter((mail) => /рассмотрение жалобы/.test(mail.subject) && (mail.body.text ?? '').includes(unresolved.id));
    await setClock('2026-04-10T09:00:00+05:00');
    expect((await scenario.admin('POST', '/local/jobs/deadline-sweep')).status).toBe(200);
    const dayBefore = await remindersOf(/Напоминание: приближается срок/);
    await setClock('2026-04-13T09:00:00+05:00');
    expect((await scenario.admin('POST', '/local/jobs/deadline-sweep')).status).toBe(200);
    const dueDay = await remindersOf(/Напоминание: срок истекает сегодня/);
    // Assert: one reminder each, to the reviewer, naming the due date
    expect(dayBefore).toHaveLength(1);
    expect(dayBefore[0]!.destination.to).toEqual([`office-${akimatId}@akimat.gov.kz`]);
    expect(dayBefore[0]!.body.text).toContain('13.04.2026');
    expect(dueDay).toHaveLength(1);
    expect(dueDay[0]!.destination.to).toEqual([`office-${akimatId}@akimat.gov.kz`]);
    expect(await mailsAbout(/Нарушен срок \(00301001\).*рассмотрение жалобы/)).toHaveLength(0);

    // Act: the morning after the due day
    await setClock('2026-04-14T09:00:00+05:00');
    expect((await scenario.admin('POST', '/local/jobs/deadline-sweep')).status).toBe(200);
    // Assert: the breach goes to the body and its head, and on its record
    const breaches = await mailsAbout(/Нарушен срок \(00301001\).*рассмотрение жалобы/);
    expect(breaches).toHaveLength(1);
    expect(breaches[0]!.destination.to).toEqual([`office-${akimatId}@akimat.gov.kz`]);
    expect(breaches[0]!.destination.cc).toEqual([`akim-${akimatId}@akimat.gov.kz`]);
    expect((await scenario.operator('GET', `/v1/complaints/${ids.breached}`)).body.reviewPeriod).toMatchObject({ status: 'open', overdue: true });
    const counted = await quality('GET', '/v1/complaint-violations?month=2026-04');
    expect(counted.body).toMatchObject({ total: 2, byKind: { local_executive_body: 1, public_service_center: 1 } });

    // Act: the outcome, late, after the breach was recorded
    expect((await outcome(scenario.akimat, ids.breached)).body.outcome).toMatchObject({ inTime: false });
    // Assert: still one violation of this period, on both records
    const after = await quality('GET', '/v1/complaint-violations?month=2026-04');
    expect(after.body.total).toBe(2);
    expect(after.body.byBody).toEqual([
      { bodyId: centreId, bodyKind: 'public_service_center', violations: 1 },
      { bodyId: akimatId, bodyKind: 'local_executive_body', violations: 1 },
    ].sort((a, b) => a.bodyId.localeCompare(b.bodyId)));
    const compliance = await scenario.akimat('GET', `/v1/bodies/${akimatId}/compliance?from=2026-03-01&to=2026-04-30`);
    expect(compliance.body).toMatchObject({ deadlines: { byStep: { complaintReview: { met: 1, missed: 1 } } }, violations: { total: 1, byRule: { complaintReview: 1 } } });
    expect(compliance.body.violations.items).toHaveLength(1);
    expect((await scenario.operator('GET', '/v1/complaint-violations?month=2026-03')).body.total).toBe(0);
    expect((await scenario.akimat('GET', '/v1/complaint-violations')).status).toBe(403);
  });

  it('lets the quality authority record its own in time', async () => {
    const recorded = await outcome(quality, ids.toAuthority!, { decision: 'rejected', summary: 'Нарушений не установлено.' });
    expect(recorded.status).toBe(200);
    expect(recorded.body).toMatchObject({ outcome: { inTime: true, decision: 'rejected' }, reviewPeriod: { status: 'met' } });
    const authorityRecord = await quality('GET', `/v1/bodies/${authorityId}/compliance`);
    expect(authorityRecord.body.deadlines.byStep).toEqual({ complaintReviewByAuthority: { met: 1, missed: 0 } });
  });

  it('lists by month of registration, status and body, newest first, a page at a time', async () => {
    // Act
    const march = await scenario.operator('GET', '/v1/complaints?month=2026-03');
    const april = await scenario.operator('GET', '/v1/complaints?month=2026-04&status=resolved');
    const aboutAkimat = await scenario.operator('GET', `/v1/complaints?bodyId=${akimatId}&month=2026-03`);
    const first = await scenario.operator('GET', '/v1/complaints?month=2026-03&limit=2');
    const rest = await scenario.operator('GET', `/v1/complaints?month=2026-03&limit=2&cursor=${first.body.nextCursor}`);
    const badMonth = await scenario.operator('GET', '/v1/complaints?month=2026-13');
    // Assert
    const numbers = (page: { body: { items: { portalNumber: string }[] } }) => page.body.items.map((item) => item.portalNumber);
    expect(numbers(march)).toEqual(['ZT-2026-0003', 'ZT-2026-0002', 'ZT-2026-0001']);
    expect(numbers(april)).toEqual(['ZT-2026-0004']);
    expect(numbers(aboutAkimat)).toEqual(['ZT-2026-0003', 'ZT-2026-0001']);
    expect([...numbers(first), ...numbers(rest)]).toEqual(numbers(march));
    expect(numbers(first)).toHaveLength(2);
    expect(rest.body.nextCursor).toBeUndefined();
    expect(badMonth.status).toBe(400);
    expect(badMonth.body.errors[0].field).toBe('query.month');
    expect(numbers(await scenario.akimat('GET', '/v1/complaints'))).toEqual(['ZT-2026-0004', 'ZT-2026-0003', 'ZT-2026-0001']);
  });

  it('registers in one batched read and one write (a repeat: one read more), records an outcome in two calls, and sends nothing itself', async () => {
    // Arrange: handlers called as Lambda calls them, the effects held, DynamoDB calls counted
    let counting = false;
    const calls: string[] = [];
    dynamo().middlewareStack.add(
      (next, context) => async (args) => {
        if (counting) calls.push(context.commandName as string);
        return next(args);
      },
      { step: 'initialize', name: 'complaintBudgetCounter' },
    );
    const invoke = async (key: string, path: string, pathParameters: Record<string, string>, authorizer: Record<string, string>, body: unknown) => {
      const route = ROUTES.find((candidate) => routeKey(candidate) === key)!;
      const handler = await loadHandler(route.entry);
      const event = toApiGatewayEvent(
        { method: route.method, url: path, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(body)), sourceIp: '127.0.0.1', host: '127.0.0.1' },
        { routeKey: key, pathParameters, requestId: `r-${Math.random()}`, now: new Date(), authorizer },
      );
      calls.length = 0;
      counting = true;
      try {
        const result = (await handler(event, lambdaContext(route.name, 10_000))) as HttpResult;
        return { status: result.statusCode, body: JSON.parse(result.body as string), calls: [...calls] };
      } finally {
        counting = false;
      }
    };
    const operator = { clientId: 'budget-operator', role: 'ucc_operator' };
    const mails = async () => (await sentMails(scenario.stack.sesEndpoint, { settle: false })).length;
    await settled();
    scenario.stack.effects.pause();
    try {
      // Act
      const beforeRegistration = await mails();
      const created = await invoke('POST /v1/complaints', '/v1/complaints', {}, operator, complaintOf('ZT-BUDGET-1', { receivedAt: '2026-04-14T08:00:00+05:00' }));
      const repeated = await invoke('POST /v1/complaints', '/v1/complaints', {}, operator, complaintOf('ZT-BUDGET-1', { receivedAt: '2026-04-14T08:00:00+05:00' }));
      const afterRegistration = await mails();
      scenario.stack.effects.resume();
      await settled();
      scenario.stack.effects.pause();
      const beforeOutcome = await mails();
      const resolved = await invoke('POST /v1/complaints/{id}/outcome', `/v1/complaints/${created.body.id}/outcome`, { id: created.body.id }, { clientId: 'budget-akimat', role: 'body', bodyId: akimatId }, {
        decision: 'satisfied',
        summary: 'Выдано',
      });
      // Assert
      expect(created.status).toBe(201);
      expect(created.calls).toEqual(['BatchGetItemCommand', 'PutItemCommand']);
      expect(repeated.status).toBe(200);
      expect(repeated.calls).toEqual(['BatchGetItemCommand', 'PutItemCommand', 'GetItemCommand']);
      expect(resolved.status).toBe(200);
      expect(resolved.calls).toEqual(['BatchGetItemCommand', 'PutItemCommand']);
      expect(afterRegistration).toBe(beforeRegistration);
      expect(await mails()).toBe(beforeOutcome);
    } finally {
      scenario.stack.effects.resume();
    }
  });

  it('moves an open review period when the calendar changes, and tells the reviewer', async () => {
    // Arrange: Monday 5 October 2026, due Monday 12 October
    await setClock('2026-10-05T10:00:00+05:00');
    const open = await register('ZT-2026-1005', { receivedAt: '2026-10-05T09:00:00+05:00' });
    expect(open.reviewPeriod).toMatchObject({ dueDate: '2026-10-12' });
    await settled();
    // Act: Tuesday 6 October becomes a day off
    expect((await scenario.admin('PUT', '/v1/calendars/KZ/2026', { body: seedYearWithDaysOff(2026, '2026-10-06') })).status).toBe(200);
    // Assert
    const moved = await scenario.operator('GET', `/v1/complaints/${open.id}`);
    expect(moved.body.reviewPeriod).toMatchObject({ dueDate: '2026-10-13', dueAt: '2026-10-13T23:59:59.999+05:00' });
    expect(moved.body.reviewPeriod.derivation).toContainEqual(expect.objectContaining({ date: '2026-10-06', counted: false }));
    const told = await mailsAbout(/Срок изменен \(00301001\).*рассмотрение жалобы/);
    expect(told.map((mail) => mail.destination.to)).toEqual([[`office-${akimatId}@akimat.gov.kz`]]);
  });
});
