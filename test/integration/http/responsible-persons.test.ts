import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/local-stack.ts';
import { apiClient, captureLogs, createTestKey, startTestStack } from '../../support/local-stack.ts';
import { newBody, testBin } from '../../support/fixtures.ts';

const person = (n: number) => ({
  fullName: `Жанболатова Айгерим ${n}`,
  position: 'Бас маман',
  email: `aigerim${n}@akimat.gov.kz`,
  phone: `+7 (701) 555-00-0${n}`,
  appointedOn: '2026-03-02',
});

describe('responsible persons (§5, §7) and the compliance record (§21)', () => {
  let stack: LocalStack;
  let admin: ReturnType<typeof apiClient>;
  let asBody: ReturnType<typeof apiClient>;
  const bodyId = testBin(200);
  const otherBody = testBin(201);
  let logs: Awaited<ReturnType<typeof captureLogs>>;

  beforeAll(async () => {
    stack = await startTestStack();
    admin = apiClient(stack.url, stack.adminKey);
    await admin('POST', '/v1/bodies', { body: newBody(bodyId) });
    await admin('POST', '/v1/bodies', { body: newBody(otherBody) });
    asBody = apiClient(stack.url, await createTestKey('body', bodyId));
    // Every log line of the handlers (they run in this process) is checked for personal data.
    logs = await captureLogs();
  });
  afterEach(async () => {
    await admin('POST', '/local/clock', { body: { now: null } });
  });
  afterAll(async () => {
    logs?.restore();
    await stack?.stop();
  });

  const setClock = (now: string) => admin('POST', '/local/clock', { body: { now } });

  it('appoints the first responsible person without a §7 check', async () => {
    await setClock('2026-03-03T10:00:00+05:00');
    const response = await asBody('POST', `/v1/bodies/${bodyId}/responsible-persons`, { body: person(1) });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ scope: 'body', current: { fullName: person(1).fullName, phone: '+77015550001' }, history: [], notices: [] });
  });

  it('requires changedOn to replace a person, and refuses dates in the future', async () => {
    await setClock('2026-03-10T10:00:00+05:00');
    const missing = await asBody('POST', `/v1/bodies/${bodyId}/responsible-persons`, { body: person(2) });
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].field).toBe('body.changedOn');
    const future = await asBody('POST', `/v1/bodies/${bodyId}/responsible-persons`, { body: { ...person(2), changedOn: '2026-03-11' } });
    expect(future.status).toBe(400);
    expect(future.body.errors[0].field).toBe('body.changedOn');
  });

  it('accepts a notice on the last minute of the 3rd working day across Nauryz, with no violation', async () => {
    // Changed Friday 20 March; 21–25 March are days off; day 1 = 26, day 2 = 27, day 3 = Monday 30.
    await setClock('2026-03-30T23:59:00+05:00');
    const response = await asBody('POST', `/v1/bodies/${bodyId}/responsible-persons`, {
      body: { ...person(2), appointedOn: '2026-03-20', changedOn: '2026-03-20' },
    });
    expect(response.status).toBe(201);
    expect(response.body.notices[0]).toMatchObject({
      changedOn: '2026-03-20',
      dueAt: '2026-03-30T23:59:59.999+05:00',
      late: false,
      rule: { cite: '§7', workingDays: 3 },
    });
    expect(response.body.history[0]).toMatchObject({ fullName: person(1).fullName, endedOn: '2026-03-20' });
    const compliance = await asBody('GET', `/v1/bodies/${bodyId}/compliance`);
    expect(compliance.body.violations.total).toBe(0);
  });

  it('records a late notice as a §7 violation on the compliance record', async () => {
    // Changed Wednesday 25 March (a day off): day 1 = 26, day 2 = 27, day 3 = 30; told on 31 March.
    await setClock('2026-03-31T00:00:01+05:00');
    const response = await admin('POST', `/v1/bodies/${bodyId}/responsible-persons`, {
      body: { ...person(3), appointedOn: '2026-03-26', changedOn: '2026-03-25' },
    });
    expect(response.status).toBe(201);
    expect(response.body.notices[0]).toMatchObject({ dueAt: '2026-03-30T23:59:59.999+05:00', late: true });
    const compliance = await asBody('GET', `/v1/bodies/${bodyId}/compliance`);
    expect(compliance.body.violations).toMatchObject({ total: 1, byRule: { responsiblePersonNotice: 1 } });
    expect(compliance.body.violations.items[0]).toMatchObject({ cite: '§7', dueAt: '2026-03-30T23:59:59.999+05:00', bodyId });
  });

  it('keeps per-service assignments apart from the body-wide one, and shows the history', async () => {
    await setClock('2026-04-02T10:00:00+05:00');
    const service = await admin('POST', `/v1/bodies/${bodyId}/responsible-persons`, { body: { ...person(4), serviceCode: '00101001' } });
    expect(service.status).toBe(201);
    const read = await asBody('GET', `/v1/bodies/${bodyId}/responsible-persons`);
    expect(read.body.current.fullName).toBe(person(3).fullName);
    expect(read.body.history.map((entry: { fullName: string }) => entry.fullName)).toEqual([person(2).fullName, person(1).fullName]);
    expect(read.body.services).toEqual([
      expect.objectContaining({ serviceCode: '00101001', current: expect.objectContaining({ fullName: person(4).fullName }), history: [] }),
    ]);
    const audit = await admin('GET', `/v1/bodies/${bodyId}/audit`);
    expect(audit.body.items.map((event: { type: string }) => event.type)).toContain('ComplianceViolationRecorded');
  });

  it("hides another body's persons and never logs personal data", async () => {
    const other = await asBody('GET', `/v1/bodies/${otherBody}/responsible-persons`);
    expect(other.status).toBe(404);
    const text = logs.text();
    expect(text).toMatch(/calendar|mail|request|access/);
    expect(text).toMatch(/cross-body access denied/);
    for (const n of [1, 2, 3, 4]) {
      expect(text).not.toContain(person(n).fullName);
      expect(text).not.toContain(person(n).email);
      expect(text).not.toContain('555000');
    }
    expect(text).not.toContain('Аскаров');
  });
});
