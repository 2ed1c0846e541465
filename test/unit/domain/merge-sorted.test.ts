import { describe, expect, it } from 'vitest';
import { mergeSorted } from '#domain/merge-sorted.ts';
import { toArray } from '#domain/reports/report-spool.ts';

const byKey = (a: { key: number }, b: { key: number }) => a.key - b.key;

describe('mergeSorted', () => {
  it('merges sorted sources into one sorted sequence, ties in the order of their sources', async () => {
    // Arrange
    const a = [{ key: 1, from: 'a' }, { key: 3, from: 'a' }, { key: 5, from: 'a' }];
    async function* b() {
      yield* [{ key: 1, from: 'b' }, { key: 2, from: 'b' }, { key: 5, from: 'b' }, { key: 9, from: 'b' }];
    }
    // Act
    const merged = await toArray(mergeSorted([a, b(), []], byKey));
    // Assert
    expect(merged.map((item) => `${item.key}${item.from}`)).toEqual(['1a', '1b', '2b', '3a', '5a', '5b', '9b']);
  });

  it('closes every source when its consumer stops early', async () => {
    // Arrange
    const closed: string[] = [];
    async function* source(name: string, keys: number[]) {
      try {
        for (const key of keys) yield { key };
      } finally {
        closed.push(name);
      }
    }
    // Act
    for await (const item of mergeSorted([source('x', [1, 4]), source('y', [2, 3])], byKey)) if (item.key === 2) break;
    // Assert
    expect(closed.sort()).toEqual(['x', 'y']);
  });
});
