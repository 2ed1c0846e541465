import { describe, expect, it } from 'vitest';
import { mapBounded } from '#domain/map-bounded.ts';

describe('mapBounded', () => {
  it('keeps the order of the items and never runs more than the limit at once', async () => {
    // Arrange
    let running = 0;
    let most = 0;
    const work = async (n: number) => {
      running += 1;
      most = Math.max(most, running);
      // Later items finish first: the order of results must not follow completion.
      await new Promise((resolve) => setImmediate(resolve));
      for (let i = 0; i < 10 - n; i += 1) await Promise.resolve();
      running -= 1;
      return n * 2;
    };
    // Act
    const results = await mapBounded([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 3, work);
    // Assert
    expect(results).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
    expect(most).toBe(3);
  });

  it('rejects with the first failure and starts nothing after it', async () => {
    // Arrange
    const started: number[] = [];
    const work = async (n: number) => {
      started.push(n);
      if (n === 1) throw new Error('boom');
      await new Promise((resolve) => setImmediate(resolve));
      return n;
    };
    // Act
    const outcome = mapBounded([0, 1, 2, 3, 4, 5], 2, work);
    // Assert
    await expect(outcome).rejects.toThrow('boom');
    expect(started).toEqual([0, 1]);
  });

  it('answers an empty list at once', async () => {
    // Act + Assert
    await expect(mapBounded([], 4, async () => 1)).resolves.toEqual([]);
  });
});
