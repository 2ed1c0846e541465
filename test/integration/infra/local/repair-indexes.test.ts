import { DynamoDBClient, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scanAll } from '#infra/local/repair-indexes.ts';
import { TABLE_INDEXES } from '#infra/table-definition.ts';
import { newBody, testBin } from '../../../support/fixtures.ts';
import { apiClient } from '../../../support/local-stack.ts';
import { crash, startNpmStart, stopNpmStart, type RunningStack } from '../../../support/npm-start.ts';
import { poll } from '../../../support/poll.ts';

/**
 * The faults a killed `npm start` leaves in dynalite (it writes an item's index entries, then the
 * item, in separate LevelDB writes), planted by hand into DATA_DIR's LevelDB with dynalite's own
 * db module while no stack holds it: the start after a kill (the `dynamodb.open` marker still
 * there) must repair them; a start after a clean stop must not touch them.
 */

type Item = Record<string, AttributeValue>;
type Callback<T> = (error: Error | null, value?: T) => void;
interface SubDb {
  get(key: string, callback: Callback<Item>): void;
  put(key: string, value: Item, callback: Callback<void>): void;
  del(key: string, callback: Callback<void>): void;
}
interface DynaliteTable {
  GlobalSecondaryIndexes: { IndexName: string; KeySchema: unknown }[];
}
interface DynaliteDb {
  create(options: { path: string }): {
    db: { close(): Promise<void> };
    getTable(name: string, callback: Callback<DynaliteTable>): void;
    getItemDb(tableName: string): SubDb;
    getIndexDb(indexType: 'global', tableName: string, indexName: string): SubDb;
  };
  createKey(item: Item, table: DynaliteTable): string;
  createIndexKey(item: Item, table: DynaliteTable, keySchema: unknown): string;
}
const dynaliteDb = createRequire(import.meta.url)('dynalite/db') as DynaliteDb;

const TABLE = 'ucc-interop';

function call<T>(operation: (callback: Callback<T>) => void): Promise<T | undefined> {
  return new Promise((resolve, reject) =>
    operation((error, value) => {
      if (error === null) resolve(value);
      else if ((error as { code?: string }).code === 'LEVEL_NOT_FOUND' || error.name === 'NotFoundError') resolve(undefined);
      else reject(error);
    }),
  );
}

/** DATA_DIR's LevelDB opened the way dynalite lays it out: the table's items, and one sublevel per index. */
async function openLevel(dataDir: string) {
  const store = dynaliteDb.create({ path: join(dataDir, 'dynamodb') });
  const table = (await call<DynaliteTable>((callback) => store.getTable(TABLE, callback)))!;
  const items = store.getItemDb(TABLE);
  const index = (name: string) => store.getIndexDb('global', TABLE, name);
  const entryKey = (name: string, item: Item) =>
    dynaliteDb.createIndexKey(item, table, table.GlobalSecondaryIndexes.find((candidate) => candidate.IndexName === name)!.KeySchema);
  return {
    item: (pk: string, sk: string) => call<Item>((callback) => items.get(dynaliteDb.createKey({ pk: { S: pk }, sk: { S: sk } }, table), callback)),
    deleteItem: (item: Item) => call<void>((callback) => items.del(dynaliteDb.createKey(item, table), callback)),
    entry: (name: string, item: Item) => call<Item>((callback) => index(name).get(entryKey(name, item), callback)),
    putEntry: (name: string, item: Item) => call<void>((callback) => index(name).put(entryKey(name, item), item, callback)),
    deleteEntry: (name: string, item: Item) => call<void>((callback) => index(name).del(entryKey(name, item), callback)),
    close: () => store.db.close(),
  };
}

/**
 * Every index entry that disagrees with the table (its item gone, carrying other index keys, or
 * other attributes), and every index entry an item's keys call for that its index lacks.
 */
async function indexFaults(dynamoEndpoint: string): Promise<string[]> {
  const client = new DynamoDBClient({ endpoint: dynamoEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    const faults: string[] = [];
    const items = await scanAll(client, TABLE);
    const byKey = new Map(items.map((item) => [`${item.pk!.S}|${item.sk!.S}`, JSON.stringify(item)]));
    for (const index of TABLE_INDEXES) {
      const entryId = (item: Item) => `${item.pk!.S}|${item.sk!.S}|${item[index.partitionKey]?.S}|${item[index.sortKey]?.S}`;
      const entries = new Set<string>();
      for (const entry of await scanAll(client, TABLE, index.name)) {
        entries.add(entryId(entry));
        if (byKey.get(`${entry.pk!.S}|${entry.sk!.S}`) !== JSON.stringify(entry)) faults.push(`${index.name}: stale ${entry.pk!.S}|${entry.sk!.S}`);
      }
      for (const item of items) {
        if (item[index.partitionKey] !== undefined && item[index.sortKey] !== undefined && !entries.has(entryId(item))) faults.push(`${index.name}: missing ${item.pk!.S}|${item.sk!.S}`);
      }
    }
    return faults;
  } finally {
    client.destroy();
  }
}

const dynamoEndpointOf = (stack: RunningStack) => /DynamoDB\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(stack.output())![1]!;
const ids = (response: { body: { items: { id: string }[] } }) => response.body.items.map((item) => item.id);

describe('repairIndexes (the start of npm start after a kill)', () => {
  const dirs: string[] = [];
  const running: RunningStack[] = [];
  afterAll(async () => {
    for (const stack of running) await crash(stack);
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });
  const launch = async (dataDir: string) => {
    const stack = await startNpmStart({ DATA_DIR: dataDir });
    running.push(stack);
    return stack;
  };

  it('leaves planted index faults alone after a clean stop, and removes the stale entries and restores the missing ones after a kill', async () => {
    // Arrange: two bodies and an acceptance written through the API, every effect done, a clean stop.
    const dataDir = await mkdtemp(join(tmpdir(), 'ucc-repair-'));
    dirs.push(dataDir);
    const first = await launch(dataDir);
    const admin = apiClient(first.url, first.adminKey);
    const [kept, removed] = [testBin(910), testBin(911)];
    for (const bin of [kept, removed]) expect((await admin('POST', '/v1/bodies', { body: newBody(bin) })).status).toBe(201);
    const keys = JSON.parse(await readFile(join(dataDir, 'demo-keys.json'), 'utf8')) as Record<string, { key: string }>;
    const operator = apiClient(first.url, keys['demo-operator']!.key);
    const opened = await operator('POST', '/v1/acceptances', { body: { bodyId: kept, serviceCode: 'R9', serviceName: { kk: 'Қызмет', ru: 'Услуга' } } });
    expect(opened.status).toBe(201);
    const acceptanceId: string = opened.body.id;
    expect(opened.body.status).toBe('requested');
    await poll(async () => (await admin('GET', '/local/effects')).body, (effects: { pending: number }) => effects.pending === 0, 'effects');
    expect(await stopNpmStart(first)).toBe(0);
    expect(await readFile(join(dataDir, 'dynamodb.open')).catch(() => undefined)).toBeUndefined();

    // Arrange: the faults, as a kill between dynalite's index writes and its item write leaves them.
    const level = await openLevel(dataDir);
    try {
      // (b) a missing entry: the kept body's by-kind entry (gsi1) is gone, its item and gsi2 entry stay.
      const keptBody = (await level.item(`BODY#${kept}`, 'BODY'))!;
      expect(await level.entry('gsi1', keptBody)).toEqual(keptBody);
      await level.deleteEntry('gsi1', keptBody);
      // (a) stale entries whose item no longer exists: the removed body's item is gone, its entries stay.
      const removedBody = (await level.item(`BODY#${removed}`, 'BODY'))!;
      expect(await level.entry('gsi2', removedBody)).toEqual(removedBody);
      await level.deleteItem(removedBody);
      // (a) + (b) a step's index writes landed, its item write did not: the acceptance's entries
      // say responsibleAppointed (stale), its item still says requested (its entries missing).
      const acceptance = (await level.item(`ACCEPTANCE#${acceptanceId}`, 'ACCEPTANCE'))!;
      const advanced: Item = {
        ...acceptance,
        status: { S: 'responsibleAppointed' },
        gsi1sk: { S: acceptance.gsi1sk!.S!.replace(/^requested#/, 'responsibleAppointed#') },
        gsi2sk: { S: acceptance.gsi2sk!.S!.replace(/^requested#/, 'responsibleAppointed#') },
      };
      for (const index of ['gsi1', 'gsi2']) {
        expect(await level.entry(index, acceptance)).toEqual(acceptance);
        await level.deleteEntry(index, acceptance);
        await level.putEntry(index, advanced);
      }
    } finally {
      await level.close();
    }
    const planted = [
      `gsi1: stale ACCEPTANCE#${acceptanceId}|ACCEPTANCE`,
      `gsi1: stale BODY#${removed}|BODY`,
      `gsi1: missing ACCEPTANCE#${acceptanceId}|ACCEPTANCE`,
      `gsi1: missing BODY#${kept}|BODY`,
      `gsi2: missing ACCEPTANCE#${acceptanceId}|ACCEPTANCE`,
      `gsi2: stale ACCEPTANCE#${acceptanceId}|ACCEPTANCE`,
      `gsi2: stale BODY#${removed}|BODY`,
    ].sort();

    // Act: a start after a clean stop (no marker).
    const second = await launch(dataDir);
    // Assert: no repair ran; the API lists what the planted indexes say.
    expect(second.output()).not.toMatch(/indexes checked/);
    expect((await indexFaults(dynamoEndpointOf(second))).sort()).toEqual(planted);
    const admin2 = apiClient(second.url, second.adminKey);
    const byKind = ids(await admin2('GET', '/v1/bodies?kind=local_executive_body&limit=100'));
    expect(byKind).not.toContain(kept);
    expect(byKind).toContain(removed);
    expect((await admin2('GET', `/v1/bodies/${removed}`)).status).toBe(404);
    expect(ids(await admin2('GET', `/v1/acceptances?bodyId=${kept}&status=responsibleAppointed`))).toEqual([acceptanceId]);
    expect(ids(await admin2('GET', `/v1/acceptances?bodyId=${kept}&status=requested`))).toEqual([]);
    expect(await stopNpmStart(second)).toBe(0);

    // Act: the marker a killed run leaves behind, and a start on the same DATA_DIR.
    await writeFile(join(dataDir, 'dynamodb.open'), '12345\n');
    const third = await launch(dataDir);

    // Assert: the repair ran before the stack served, and every index agrees with the table again.
    // Each planted fault counted once: the removed body's two entries, the acceptance's two stale
    // and two missing ones, the kept body's missing one.
    expect(third.output()).toMatch(/the last run was killed; indexes checked \(4 stale entries removed, 3 missing entries restored, \d+ items re-indexed\)/);
    expect(await indexFaults(dynamoEndpointOf(third))).toEqual([]);
    const admin3 = apiClient(third.url, third.adminKey);
    const byKindAfter = ids(await admin3('GET', '/v1/bodies?kind=local_executive_body&limit=100'));
    expect(byKindAfter).toContain(kept);
    expect(byKindAfter).not.toContain(removed);
    expect(ids(await admin3('GET', '/v1/bodies?limit=100'))).not.toContain(removed);
    expect(ids(await admin3('GET', `/v1/acceptances?bodyId=${kept}&status=requested`))).toEqual([acceptanceId]);
    expect(ids(await admin3('GET', `/v1/acceptances?bodyId=${kept}&status=responsibleAppointed`))).toEqual([]);
    expect(ids(await admin3('GET', '/v1/acceptances?status=requested&limit=100'))).toContain(acceptanceId);
    expect(await stopNpmStart(third)).toBe(0);
  }, 300_000);
});
