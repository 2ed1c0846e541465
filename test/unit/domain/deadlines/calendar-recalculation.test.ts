import { describe, expect, it } from 'vitest';
import { pageNameOf, planOf } from '#domain/deadlines/calendar-recalculation.ts';

describe('planOf', () => {
  it('groups a page’s deadlines by their case, in the order listed, with the cursor after them', () => {
    // Arrange: two deadlines of acceptance a on one page, one of b between them.
    const pairs: [string, string][] = [
      ['a', 'a:appointResponsible:1'],
      ['b', 'b:appointResponsible:1'],
      ['a', 'a:startConsultation:1'],
    ];

    // Act
    const plan = planOf(pairs, 'cursor-2');

    // Assert
    expect(plan).toEqual({
      subjects: [
        { id: 'a', deadlineIds: ['a:appointResponsible:1', 'a:startConsultation:1'] },
        { id: 'b', deadlineIds: ['b:appointResponsible:1'] },
      ],
      nextCursor: 'cursor-2',
    });
  });

  it('has no cursor member on the last page (the record stores no undefined member)', () => {
    expect(planOf([], undefined)).toStrictEqual({ subjects: [] });
  });
});

describe('pageNameOf', () => {
  it('names the page under way: the one after those committed, counted from 1', () => {
    expect(pageNameOf({ id: 'KZ-2026-v2', pages: 0 })).toBe('KZ-2026-v2:page:1');
    expect(pageNameOf({ id: 'KZ-2026-v2', pages: 3 })).toBe('KZ-2026-v2:page:4');
  });
});
