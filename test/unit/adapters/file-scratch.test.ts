import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RUN_ROWS, fileScratch } from '#adapters/file-scratch.ts';
import { toArray } from '#domain/reports/report-spool.ts';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'file-scratch-test-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('fileScratch', () => {
  it('gives back the rows of an unordered spool in the order added, as often as read', async () => {
    // Arrange
    const scratch = await fileScratch(root);
    const spool = scratch.spool<{ n: number; text: string }>('plain');
    for (const n of [3, 1, 2]) await spool.add({ n, text: `ряд ${n}\nс переводом` });
    // Act
    const rows = await spool.close();
    // Assert
    expect(rows.count).toBe(3);
    expect((await toArray(rows)).map((row) => row.n)).toEqual([3, 1, 2]);
    expect(await toArray(rows)).toEqual(await toArray(rows));
    expect((await toArray(rows))[0]!.text).toBe('ряд 3\nс переводом');
    await scratch.dispose();
  });

  it('sorts an ordered spool across several runs on disk, stably', async () => {
    // Arrange: 2.5 runs of keys 0–99 given in descending order; `seq` shows the order added
    const scratch = await fileScratch(root);
    const spool = scratch.spool<{ key: number; seq: number }>('sorted', (a, b) => a.key - b.key);
    const total = Math.floor(RUN_ROWS * 2.5);
    for (let seq = 0; seq < total; seq += 1) await spool.add({ key: 99 - (seq % 100), seq });
    // Act
    const rows = await toArray(await spool.close());
    // Assert
    expect(rows).toHaveLength(total);
    for (let i = 1; i < rows.length; i += 1) {
      const [a, b] = [rows[i - 1]!, rows[i]!];
      expect(a.key < b.key || (a.key === b.key && a.seq < b.seq)).toBe(true);
    }
    expect((await readdir(root)).length).toBe(1);
    await scratch.dispose();
  });

  it('removes every spool when disposed', async () => {
    // Arrange
    const scratch = await fileScratch(root);
    const spool = scratch.spool<number>('gone', (a, b) => a - b);
    await spool.add(1);
    await spool.close();
    // Act
    await scratch.dispose();
    // Assert
    expect(await readdir(root)).toEqual([]);
  });
});
