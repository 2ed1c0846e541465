import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/local-stack.ts';
import { apiClient, createTestKey, sentMails, startTestStack } from '../../support/local-stack.ts';
import { newBody, testBin } from '../../support/fixtures.ts';

type Api = ReturnType<typeof apiClient>;

describe('plan-schedule (§3) and the daily job that opens its acceptances (§4)', () => {
  let stack: LocalStack;
  let admin: Api;
  let authority: Api;
  let operator: Api;
  let akimat: Api;
  const bodyId = testBin(400);
  let planId: string;

  beforeAll(async () => {
    stack = await startTestStack();
    admin = apiClient(stack.url, stack.adminKey);
    authority = apiClient(stack.url, await createTestKey('informatization_authority'));
    operator = apiClient(stack.url, await createTestKey('ucc_operator'));
    await admin('POST', '/v1/bodies', { body: newBody(bodyId) });
    akimat = apiClient(stack.url, await createTestKey('body', bodyId));
  });
  afterAll(async () => {
    await admin('POST', '/local/clock', { body: { now: null } });
    await stack?.stop();
  });
  const setClock = (now: string) => admin('POST', '/local/clock', { body: { now } });
  const item = (serviceCode: string, plannedOn: string) => ({ serviceCode, serviceName: { kk: `Қызмет ${serviceCode}`, ru: `Услуга ${serviceCode}` }, bodyId, plannedOn });

  it('creates a draft plan and rejects items naming unknown bodies', async () => {
    await setClock('2026-05-04T10:00:00+05:00');
    const bad = await authority('POST', '/v1/plans', { body: { title: 'x', items: [{ ...item('A1', '2026-05-12'), bodyId: testBin(401) }] } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('body.items[0].bodyId');
    // §3-§4: an item's request goes out on its date: today or later, on a working day, in a year
    // with a published calendar, for a code that looks like one.
    const dates = await authority('POST', '/v1/plans', {
      body: { title: 'x', items: [item('A1', '2026-05-01'), item('A2', '2026-05-07'), item('A3', '2026-05-16'), item('X', '2026-05-12')] },
    });
    expect(dates.status).toBe(400);
    expect(dates.body.errors.map((error: { field: string }) => error.field)).toEqual([
      'body.items[3].serviceCode',
    ]);
    const days = await authority('POST', '/v1/plans', { body: { title: 'x', items: [item('A1', '2026-05-01'), item('A2', '2026-05-07'), item('A3', '2026-05-16')] } });
    expect(days.status).toBe(400);
    expect(days.body.errors).toEqual([
      { field: 'body.items[0].plannedOn', message: expect.stringMatching(/today \(2026-05-04\) or later/) },
      { field: 'body.items[1].plannedOn', message: expect.stringMatching(/2026-05-07 is a day off \(holiday/) },
      { field: 'body.items[2].plannedOn', message: expect.stringMatching(/2026-05-16 is a day off \(weekend\)/) },
    ]);
    const unpublished = await authority('POST', '/v1/plans', { body: { title: 'x', items: [item('A1', '2029-03-01')] } });
    expect(unpublished.status).toBe(422);
    expect(unpublished.body).toMatchObject({ status: 422, year: 2029 });
    const created = await authority('POST', '/v1/plans', {
      body: { title: 'План-график 2026, II квартал', items: [item('A1', '2026-05-12'), item('A2', '2026-05-20')] },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', revision: 1, items: [{ serviceCode: 'A1' }, { serviceCode: 'A2' }] });
    planId = created.body.id;
  });

  it('opens nothing from a draft; only the informatization authority approves', async () => {
    await setClock('2026-05-12T08:00:00+05:00');
    const run = await admin('POST', '/local/jobs/acceptance-daily');
    expect(run.body.result.opened.opened).toEqual([]);
    expect((await operator('POST', `/v1/plans/${planId}/approval`, { body: {} })).status).toBe(403);
    const approved = await authority('POST', `/v1/plans/${planId}/approval`, { body: {}, headers: { 'if-match': '"1"' } });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', revisions: [{ change: 'created' }, { change: 'approved' }] });
    expect((await authority('POST', `/v1/plans/${planId}/approval`, { body: {} })).status).toBe(409);
  });

  it('opens the acceptance of a due item once, with the request e-mailed, and marks the item', async () => {
    const first = await admin('POST', '/local/jobs/acceptance-daily');
    const second = await admin('POST', '/local/jobs/acceptance-daily');
    expect(first.body.result.opened.opened).toHaveLength(1);
    expect(second.body.result.opened.opened).toEqual([]);
    const acceptanceId = first.body.result.opened.opened[0];
    const plan = await authority('GET', `/v1/plans/${planId}`);
    expect(plan.body.items[0]).toMatchObject({ serviceCode: 'A1', acceptanceId });
    expect(plan.body.items[1].acceptanceId).toBeUndefined();
    const acceptance = await akimat('GET', `/v1/acceptances/${acceptanceId}`);
    expect(acceptance.body).toMatchObject({ status: 'requested', planItemId: plan.body.items[0].id, openedBy: 'schedule:acceptance-daily' });
    const requests = (await sentMails(stack.sesEndpoint)).filter((mail) => /A1/.test(mail.subject));
    expect(requests).toHaveLength(1);
  });

  it('amends as a new revision, refusing to move an item already opened; an admin amendment needs re-approval', async () => {
    const plan = await authority('GET', `/v1/plans/${planId}`);
    const [opened, pending] = plan.body.items;
    const refused = await authority('POST', `/v1/plans/${planId}/amendments`, {
      body: { reschedule: [{ itemId: opened.id, plannedOn: '2026-06-01' }], reason: 'move' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0]).toMatchObject({ field: 'body.reschedule[0].itemId', message: expect.stringMatching(/already open/) });
    const offDay = await authority('POST', `/v1/plans/${planId}/amendments`, {
      body: { reschedule: [{ itemId: pending.id, plannedOn: '2026-05-16' }], add: [item('A4', '2026-05-11')], reason: 'move' },
    });
    expect(offDay.status).toBe(400);
    expect(offDay.body.errors.map((error: { field: string }) => error.field)).toEqual(['body.add[0].plannedOn', 'body.reschedule[0].plannedOn']);
    const amended = await authority('POST', `/v1/plans/${planId}/amendments`, {
      body: { reschedule: [{ itemId: pending.id, plannedOn: '2026-05-13' }], add: [item('A3', '2026-06-01')], reason: 'Поправка № 1' },
    });
    expect(amended.status).toBe(200);
    expect(amended.body).toMatchObject({ status: 'approved', revision: 2 });
    expect(amended.body.revisions.at(-1)).toMatchObject({ change: 'amended', reason: 'Поправка № 1', summary: { added: 1, rescheduled: 1, removed: 0 } });
    const byAdmin = await admin('POST', `/v1/plans/${planId}/amendments`, { body: { remove: [amended.body.items[2].id], reason: 'withdrawn' } });
    expect(byAdmin.body).toMatchObject({ status: 'draft', revision: 3 });
    expect(byAdmin.body.items[2].removed).toBe(true);

    await setClock('2026-05-13T08:00:00+05:00');
    expect((await admin('POST', '/local/jobs/acceptance-daily')).body.result.opened.opened).toEqual([]);
    await authority('POST', `/v1/plans/${planId}/approval`, { body: {} });
    expect((await admin('POST', '/local/jobs/acceptance-daily')).body.result.opened.opened).toHaveLength(1);
  });
});
