import { createHash } from 'node:crypto';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Acceptance, StoredDocument } from '#domain/acceptance/acceptance.ts';
import type { AcceptanceQuery, AcceptanceStore } from '#domain/acceptance/acceptance-store.ts';
import { ConcurrentUpdateError } from '#domain/errors.ts';
import type { DomainEvent, OutboxMessage } from '#domain/ports.ts';
import { systemClock } from './clock.ts';
import { dynamo, tableName } from './dynamo.ts';
import { decodeCursor, encodeCursor, withCursorCheck } from './pagination.ts';
import { finishAfterCommit } from './pending-work.ts';
import { sesMailer } from './ses-mailer.ts';
import { putVersioned, withoutStorageFields } from './versioned-item.ts';

/**
 * Acceptances: `ACCEPTANCE#<id>` / `ACCEPTANCE`; listed per body on gsi1 and all together on
 * gsi2, both sorted `<status>#<openedAt>#<id>` so a status filter is a key prefix. Documents:
 * `DOC#<sha256>` with a `META` item and 350 KB `CHUNK#nnn` items (DynamoDB's item limit is 400 KB).
 */
const acceptanceKey = (id: string) => ({ pk: `ACCEPTANCE#${id}`, sk: 'ACCEPTANCE' });
const CHUNK_BYTES = 350 * 1024;

const indexKeys = (state: Acceptance) => {
  const sortKey = `${state.status}#${state.openedAt}#${state.id}`;
  return { gsi1pk: `ACCEPTANCES#${state.bodyId}`, gsi1sk: sortKey, gsi2pk: 'ACCEPTANCES', gsi2sk: sortKey };
};

const toAcceptance = (item: Record<string, unknown>): Acceptance => withoutStorageFields(item) as unknown as Acceptance;

async function write(state: Acceptance, expectedVersion: number, events: DomainEvent[], messages: OutboxMessage[], carried?: Record<string, unknown>) {
  const { version: _version, ...rest } = state;
  const item = await putVersioned({
    key: acceptanceKey(state.id),
    expectedVersion,
    state: { entity: 'Acceptance', ...rest, ...indexKeys(state) },
    events,
    outbox: messages,
    ...(carried === undefined ? {} : { carried }),
    at: systemClock.now().toISOString(),
  });
  await finishAfterCommit(item, sesMailer, systemClock);
}

export const dynamoAcceptanceStore: AcceptanceStore = {
  async get(id) {
    const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: acceptanceKey(id), ConsistentRead: true }));
    return Item === undefined ? undefined : toAcceptance(Item);
  },

  async create(state, events, messages) {
    try {
      await write(state, 0, events, messages);
      return true;
    } catch (error) {
      if (error instanceof ConcurrentUpdateError) return false;
      throw error;
    }
  },

  async save(state, expectedVersion, events, messages) {
    const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: acceptanceKey(state.id), ConsistentRead: true }));
    await write(state, expectedVersion, events, messages, Item);
  },

  async list(query: AcceptanceQuery) {
    const byBody = query.bodyId !== undefined;
    const [pkName, skName] = byBody ? ['gsi1pk', 'gsi1sk'] : ['gsi2pk', 'gsi2sk'];
    const page = await withCursorCheck(query.cursor, () =>
      dynamo().send(
        new QueryCommand({
          TableName: tableName(),
          IndexName: byBody ? 'gsi1' : 'gsi2',
          KeyConditionExpression: `${pkName} = :pk${query.status === undefined ? '' : ` AND begins_with(${skName}, :status)`}`,
          ...(query.overdueAt === undefined ? {} : { FilterExpression: 'nextDueAt < :now' }),
          ExpressionAttributeValues: {
            ':pk': byBody ? `ACCEPTANCES#${query.bodyId}` : 'ACCEPTANCES',
            ...(query.status === undefined ? {} : { ':status': `${query.status}#` }),
            ...(query.overdueAt === undefined ? {} : { ':now': query.overdueAt }),
          },
          Limit: query.limit,
          ExclusiveStartKey: decodeCursor(query.cursor),
        }),
      ),
    );
    const nextCursor = encodeCursor(page.LastEvaluatedKey);
    return { items: (page.Items ?? []).map(toAcceptance), ...(nextCursor === undefined ? {} : { nextCursor }) };
  },

  async putDocument(bytes, meta) {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const chunks = Math.ceil(bytes.length / CHUNK_BYTES);
    // Chunks first, then the META item that makes the document visible: a crash leaves only
    // unreferenced chunks, and a retry rewrites the same bytes under the same keys.
    for (let index = 0; index < chunks; index += 1) {
      await dynamo().send(
        new PutCommand({
          TableName: tableName(),
          Item: {
            pk: `DOC#${sha256}`,
            sk: `CHUNK#${String(index).padStart(3, '0')}`,
            entity: 'DocumentChunk',
            data: bytes.subarray(index * CHUNK_BYTES, (index + 1) * CHUNK_BYTES),
          },
        }),
      );
    }
    const stored: StoredDocument = { fileName: meta.fileName, contentType: meta.contentType, size: bytes.length, sha256 };
    await dynamo().send(
      new PutCommand({ TableName: tableName(), Item: { pk: `DOC#${sha256}`, sk: 'META', entity: 'Document', ...stored, chunks } }),
    );
    return stored;
  },

  async getDocument(sha256) {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await dynamo().send(
        new QueryCommand({
          TableName: tableName(),
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `DOC#${sha256}` },
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
    const meta = items.find((item) => item.sk === 'META');
    if (meta === undefined) return undefined;
    const bytes = Buffer.concat(
      items.filter((item) => String(item.sk).startsWith('CHUNK#')).map((item) => Buffer.from(item.data as Uint8Array)),
    );
    const { fileName, contentType, size } = meta as unknown as StoredDocument;
    return { meta: { fileName, contentType, size, sha256 }, bytes };
  },
};
