import { createHash } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Acceptance, StoredDocument } from '#domain/acceptance/acceptance.ts';
import type { AcceptanceQuery, AcceptanceStore } from '#domain/acceptance/acceptance-store.ts';
import { dynamo, tableName } from './dynamo.ts';
import { queryAll, queryPage } from './pagination.ts';
import { commitNew, commitNext, withoutStorageFields } from './versioned-item.ts';

/**
 * Acceptances: `ACCEPTANCE#<id>` / `ACCEPTANCE`; listed per body on gsi1 and all together on
 * gsi2, both sorted `<status>#<openedAt>#<id>` so a status filter is a key prefix. Documents:
 * `DOC#<sha256>` with a `META` item and 350 KB `CHUNK#nnn` items (DynamoDB's item limit is 400 KB).
 */
export const acceptanceKey = (id: string) => ({ pk: `ACCEPTANCE#${id}`, sk: 'ACCEPTANCE' });
const CHUNK_BYTES = 350 * 1024;

const indexKeys = (state: Acceptance) => {
  const sortKey = `${state.status}#${state.openedAt}#${state.id}`;
  return { gsi1pk: `ACCEPTANCES#${state.bodyId}`, gsi1sk: sortKey, gsi2pk: 'ACCEPTANCES', gsi2sk: sortKey };
};

export const toAcceptance = (item: Record<string, unknown>): Acceptance => withoutStorageFields(item) as unknown as Acceptance;

const stateOf = (state: Acceptance) => {
  const { version: _version, ...rest } = state;
  return { entity: 'Acceptance', ...rest, ...indexKeys(state) };
};

export const dynamoAcceptanceStore: AcceptanceStore = {
  async get(id) {
    const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: acceptanceKey(id), ConsistentRead: true }));
    return Item === undefined ? undefined : toAcceptance(Item);
  },

  create: (state, events, messages) => commitNew({ key: acceptanceKey(state.id), state: stateOf(state), events, outbox: messages }),

  async save(state, expectedVersion, events, messages) {
    await commitNext({ key: acceptanceKey(state.id), expectedVersion, state: stateOf(state), events, outbox: messages });
  },

  list(query: AcceptanceQuery) {
    const byBody = query.bodyId !== undefined;
    const [pkName, skName] = byBody ? ['gsi1pk', 'gsi1sk'] : ['gsi2pk', 'gsi2sk'];
    return queryPage(
        {
          IndexName: byBody ? 'gsi1' : 'gsi2',
          KeyConditionExpression: `${pkName} = :pk${query.status === undefined ? '' : ` AND begins_with(${skName}, :status)`}`,
          ...(query.overdueAt === undefined ? {} : { FilterExpression: 'nextDueAt < :now' }),
          ExpressionAttributeValues: {
            ':pk': byBody ? `ACCEPTANCES#${query.bodyId}` : 'ACCEPTANCES',
            ...(query.status === undefined ? {} : { ':status': `${query.status}#` }),
            ...(query.overdueAt === undefined ? {} : { ':now': query.overdueAt }),
          },
          Limit: query.limit,
        },
      query.cursor,
      toAcceptance,
    );
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
    const items = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `DOC#${sha256}` } });
    const meta = items.find((item) => item.sk === 'META');
    if (meta === undefined) return undefined;
    const bytes = Buffer.concat(
      items.filter((item) => String(item.sk).startsWith('CHUNK#')).map((item) => Buffer.from(item.data as Uint8Array)),
    );
    const { fileName, contentType, size } = meta as unknown as StoredDocument;
    return { meta: { fileName, contentType, size, sha256 }, bytes };
  },
};
