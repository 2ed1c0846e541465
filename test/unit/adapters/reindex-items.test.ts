import { describe, expect, it } from 'vitest';
import { reindexed } from '#adapters/reindex-items.ts';

describe('reindexed', () => {
  const acceptance = {
    pk: 'ACCEPTANCE#acc-1',
    sk: 'ACCEPTANCE',
    entity: 'Acceptance',
    id: 'acc-1',
    bodyId: '100000000001',
    status: 'requested',
    openedAt: '2026-09-07T10:00:00.000+05:00',
    nextDueAt: '2026-09-09T23:59:59.999+05:00',
    gsi1pk: 'ACCEPTANCES#100000000001',
    gsi1sk: 'requested#2026-09-07T10:00:00.000+05:00#acc-1',
    gsi2pk: 'ACCEPTANCES',
    gsi2sk: 'requested#2026-09-07T10:00:00.000+05:00#acc-1',
    version: 3,
  };

  it('adds the overdue listings to an acceptance with an open deadline', () => {
    // Act
    const next = reindexed(acceptance);
    // Assert
    expect(next).toEqual({
      ...acceptance,
      gsi3pk: 'ACCEPTANCES_DUE#100000000001',
      gsi3sk: '2026-09-09T23:59:59.999+05:00#acc-1',
      duePk: 'ACCEPTANCES_DUE',
      dueSk: '2026-09-09T23:59:59.999+05:00#acc-1',
    });
  });

  it('drops stale listing attributes of an acceptance without an open deadline', () => {
    // Arrange
    const { nextDueAt: _gone, ...done } = acceptance;
    const stale = { ...done, gsi3pk: 'ACCEPTANCES_DUE#100000000001', gsi3sk: 'x', duePk: 'ACCEPTANCES_DUE', dueSk: 'x' };
    // Act
    const next = reindexed(stale);
    // Assert
    expect(next).toEqual(done);
  });

  it('adds the all-plans listing to a plan, and leaves up-to-date and other items alone', () => {
    // Arrange
    const plan = { pk: 'PLAN#p1', sk: 'PLAN', entity: 'Plan', id: 'p1', status: 'draft', createdAt: '2026-09-01T10:00:00.000Z', gsi1pk: 'PLANS#draft', gsi1sk: '2026-09-01T10:00:00.000Z#p1' };
    // Act
    const next = reindexed(plan);
    // Assert
    expect(next).toEqual({ ...plan, gsi2pk: 'PLANS', gsi2sk: '2026-09-01T10:00:00.000Z#p1' });
    expect(reindexed(next as Record<string, unknown>)).toBeUndefined();
    expect(reindexed({ pk: 'BODY#1', sk: 'BODY', entity: 'Body', gsi1pk: 'x' })).toBeUndefined();
  });
});
