import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/local-stack.ts';
import { TABLE_ATTRIBUTES } from '#infra/table-definition.ts';
import { apiClient, closeScenario, createTestKey, openBodyScenario, type BodyScenario } from '../../support/local-stack.ts';
import { newBody, testBin } from '../../support/fixtures.ts';

type Api = ReturnType<typeof apiClient>;
interface Listed {
  id: string;
  nextDueAt?: string;
  dueAt?: string;
  createdAt?: string;
}

/** Every page of a listing, with the size of each: a listing read through its index is never short while more remain. */
async function allPages(api: Api, path: string): Promise<{ ids: string[]; items: Listed[]; sizes: number[] }> {
  const items: Listed[] = [];
  const sizes: number[] = [];
  let cursor: string | undefined;
  do {
    const page = await api('GET', `${path}${cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`}`);
    expect(page.status).toBe(200);
    // No response names a storage key (every key attribute of the table and its indexes).
    for (const item of page.body.items) expect(Object.keys(item).filter((name) => TABLE_ATTRIBUTES.includes(name))).toEqual([]);
    items.push(...page.body.items);
    sizes.push(page.body.items.length);
    cursor = page.body.nextCursor;
  } while (cursor !== undefined);
  return { ids: items.map((item) => item.id), items, sizes };
}

/** Full pages of `limit`, then one last page of whatever remains (an empty last page only when the total is a multiple). */
const expectFullPages = (sizes: number[], limit: number, total: number) => {
  const full = Math.floor(total / limit);
  expect(sizes.slice(0, full)).toEqual(Array(full).fill(limit));
  expect(sizes.slice(full).filter((size) => size > 0)).toEqual(total % limit === 0 ? [] : [total % limit]);
};

describe('listings read through an index: overdue acceptances, overdue deadlines, all plans', () => {
  let scenario: BodyScenario | undefined;
  let stack: LocalStack;
  let admin: Api;
  let operator: Api;
  let akimat: Api;
  const bodyId = testBin(860);
  const otherBodyId = testBin(861);
  // Each group shares its due time; within one, the listings order by id.
  const overdueIds: string[] = [];
  const notYetIds: string[] = [];

  const setClock = (now: string) => admin('POST', '/local/clock', { body: { now } });
  const open = async (body: string, serviceCode: string) => {
    const opened = await operator('POST', '/v1/acceptances', { body: { bodyId: body, serviceCode, serviceName: { kk: 'Қызмет', ru: 'Услуга' } } });
    expect(opened.status).toBe(201);
    return opened.body as Listed;
  };

  beforeAll(async () => {
    scenario = await openBodyScenario(bodyId);
    ({ stack, admin, operator, akimat } = scenario);
    await admin('POST', '/v1/bodies', { body: newBody(otherBodyId) });
    // Opened later, due later: these sort after the overdue ones by openedAt and stay not overdue.
    await setClock('2026-09-14T10:00:00+05:00');
    for (let i = 0; i < 4; i += 1) notYetIds.push((await open(bodyId, `N${i}`)).id);
    notYetIds.sort();
    // §5: 2 working days to appoint — opened Mon 7 and Tue 8 September, due Wed 9 and Thu 10.
    await setClock('2026-09-07T10:00:00+05:00');
    for (let i = 0; i < 3; i += 1) overdueIds.push((await open(bodyId, `A${i}`)).id);
    overdueIds.sort();
    await setClock('2026-09-08T10:00:00+05:00');
    const dueLater: string[] = [];
    for (let i = 0; i < 2; i += 1) dueLater.push((await open(bodyId, `B${i}`)).id);
    overdueIds.push(...dueLater.sort());
    overdueIds.push((await open(otherBodyId, 'C0')).id);
    await setClock('2026-09-11T12:00:00+05:00');
  });
  afterAll(() => closeScenario(scenario));

  it('lists overdue acceptances soonest due first, in full pages, per body and for all bodies', async () => {
    // Act
    const mine = await allPages(operator, `/v1/acceptances?bodyId=${bodyId}&overdue=true&limit=2`);
    const all = await allPages(operator, '/v1/acceptances?overdue=true&limit=4');
    const asBody = await allPages(akimat, '/v1/acceptances?overdue=true&limit=1');
    // Assert
    const ofBody = overdueIds.slice(0, 5);
    expect(mine.ids).toEqual(ofBody);
    expectFullPages(mine.sizes, 2, 5);
    expect(new Set(all.ids)).toEqual(new Set(overdueIds));
    expectFullPages(all.sizes, 4, 6);
    const dues = all.items.map((item) => item.nextDueAt as string);
    expect(dues).toEqual([...dues].sort());
    expect(dues.every((due) => due < '2026-09-11T12:00:00+05:00')).toBe(true);
    expect(asBody.ids).toEqual(ofBody);
    expect(notYetIds.some((id) => all.ids.includes(id))).toBe(false);
  });

  it('answers 400 naming query.status when overdue is combined with a status, and rejects a cursor of another listing', async () => {
    // Act
    const combined = await operator('GET', `/v1/acceptances?bodyId=${bodyId}&overdue=true&status=requested`);
    const page = await operator('GET', `/v1/acceptances?bodyId=${bodyId}&overdue=true&limit=1`);
    const foreign = await operator('GET', `/v1/acceptances?bodyId=${otherBodyId}&overdue=true&cursor=${encodeURIComponent(page.body.nextCursor)}`);
    // Assert
    expect(combined.status).toBe(400);
    expect(combined.body.errors[0].field).toBe('query.status');
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors[0].field).toBe('query.cursor');
  });

  it('lists overdue deadlines in full pages, a recorded breach first and still overdue after the clock is set back', async () => {
    // Arrange: the sweep at 9:00 on Thu 10 September records the breach of the deadlines due 9 September.
    await setClock('2026-09-10T09:00:00+05:00');
    expect((await admin('POST', '/local/jobs/deadline-sweep')).status).toBe(200);
    await setClock('2026-09-11T12:00:00+05:00');
    // Act
    const overdue = await allPages(operator, `/v1/deadlines?status=overdue&bodyId=${bodyId}&limit=2`);
    const everyBody = await allPages(operator, '/v1/deadlines?status=overdue&limit=4');
    await setClock('2026-09-10T12:00:00+05:00');
    const setBack = await allPages(operator, `/v1/deadlines?status=overdue&bodyId=${bodyId}&limit=2`);
    const open = await allPages(operator, `/v1/deadlines?status=open&bodyId=${bodyId}&limit=3`);
    // Assert
    const subjects = (items: Listed[]) => items.map((item) => (item as unknown as { subject: { id: string } }).subject.id);
    expect(subjects(overdue.items)).toEqual(overdueIds.slice(0, 5));
    expectFullPages(overdue.sizes, 2, 5);
    expect(new Set(subjects(everyBody.items))).toEqual(new Set(overdueIds));
    expectFullPages(everyBody.sizes, 4, 6);
    // At 12:00 on 10 September the ones due that day are not overdue yet; the breached ones are.
    expect(subjects(setBack.items)).toEqual(overdueIds.slice(0, 3));
    expect(subjects(open.items)).toEqual([...overdueIds.slice(0, 5), ...notYetIds]);
    expectFullPages(open.sizes, 3, 9);
  });

  it('pages through all plans newest first without a status', async () => {
    // Arrange
    const authority = apiClient(stack.url, await createTestKey('informatization_authority'));
    const created: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      await setClock(`2026-09-1${i}T10:00:00+05:00`);
      const plan = await authority('POST', '/v1/plans', {
        body: { title: `План ${i}`, items: [{ serviceCode: `P${i}`, serviceName: { kk: 'Қызмет', ru: 'Услуга' }, bodyId, plannedOn: '2026-10-01' }] },
      });
      expect(plan.status).toBe(201);
      created.push(plan.body.id);
    }
    expect((await authority('POST', `/v1/plans/${created[1]}/approval`, { body: {} })).status).toBe(200);
    // Act
    const all = await allPages(authority, '/v1/plans?limit=2');
    const approved = await allPages(authority, '/v1/plans?status=approved&limit=2');
    // Assert
    expect(all.ids).toEqual([...created].reverse());
    expectFullPages(all.sizes, 2, 5);
    expect(approved.ids).toEqual([created[1]]);
  });
});
