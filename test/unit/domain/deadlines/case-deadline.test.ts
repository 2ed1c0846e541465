import { describe, expect, it } from 'vitest';
import type { DeadlineRecord } from '#domain/acceptance/acceptance.ts';
import { markMoved, movedOnPage } from '#domain/deadlines/case-deadline.ts';

const deadline = (id: string, dueAt: string, extra: Partial<DeadlineRecord> = {}): DeadlineRecord => ({
  id,
  key: 'appointResponsible',
  cite: '§5',
  rulebookId: 'rb-1',
  from: '2026-10-05T10:00:00.000+05:00',
  dueDate: dueAt.slice(0, 10),
  dueAt,
  derivation: [],
  status: 'open',
  party: 'body',
  ...extra,
});

const WED = '2026-10-07T23:59:59.999+05:00';
const THU = '2026-10-08T23:59:59.999+05:00';
const PAGE = 'KZ-2026-v2:page:1';

describe('markMoved', () => {
  it('names the page on the deadlines whose due moment changed, and only on those', () => {
    // Arrange
    const before = [deadline('a:appointResponsible:1', WED), deadline('a:approveProtocol:1', WED)];
    const after = [deadline('a:appointResponsible:1', THU), deadline('a:approveProtocol:1', WED)];

    // Act
    const marked = markMoved(before, after, PAGE);

    // Assert
    expect(marked.map((each) => each.movedBy)).toEqual([PAGE, undefined]);
    expect(marked[0]).toEqual({ ...after[0], movedBy: PAGE });
  });

  it('replaces the mark of an earlier recalculation page on a deadline moved again', () => {
    const before = [deadline('a:appointResponsible:1', WED, { movedBy: 'KZ-2026-v1:page:3' })];
    const after = [deadline('a:appointResponsible:1', THU, { movedBy: 'KZ-2026-v1:page:3' })];

    expect(markMoved(before, after, PAGE)[0]?.movedBy).toBe(PAGE);
  });

  it('leaves a deadline opened meanwhile (not in the case before) unmarked', () => {
    expect(markMoved([], [deadline('a:appointResponsible:1', THU)], PAGE)[0]?.movedBy).toBeUndefined();
  });
});

describe('movedOnPage', () => {
  it('is true when that very page moved one of the deadlines (its run before a crash), false for another page or none', () => {
    const moved = [deadline('a:appointResponsible:1', THU, { movedBy: PAGE })];

    expect(movedOnPage(moved, PAGE)).toBe(true);
    expect(movedOnPage(moved, 'KZ-2026-v2:page:2')).toBe(false);
    expect(movedOnPage(moved, 'KZ-2026-v3:page:1')).toBe(false);
    expect(movedOnPage([deadline('a:appointResponsible:1', WED)], PAGE)).toBe(false);
  });
});
