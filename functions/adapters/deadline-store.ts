import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DeadlineQuery, DeadlineStore } from '#domain/deadlines/deadline-store.ts';
import { nextNoticeAt, type MonitoredDeadline } from '#domain/deadlines/monitored-deadline.ts';
import type { DomainEvent, OutboxMessage } from '#domain/ports.ts';
import { dynamo, isConditionFailure, tableName } from './dynamo.ts';
import { queryPage, queryRangesPage, type KeyRange } from './pagination.ts';
import { commitNext, withoutStorageFields } from './versioned-item.ts';

/**
 * Monitored deadlines: `DEADLINE#<id>` / `DEADLINE`.
 * - `due` index (sparse): `DUE` / `<next notice, UTC ISO>#<id>` while a notice is pending;
 * - gsi1: `DEADLINES#<bodyId>` / `<status>#<listed due>#<id>` (a body's dashboard);
 * - gsi2: `DEADLINES#<status>` / `<listed due>#<id>` (the operators' dashboard, calendar changes).
 * The listed due time is `dueAt`, or `!<dueAt>` for an open deadline whose breach is recorded:
 * '!' sorts before every date, so the breached lead the open list and every overdue list is a
 * key range (a recorded breach stays overdue whatever the clock says, §21), never a filter.
 */
export const DUE_PARTITION = 'DUE';
const BREACHED = '!';
const deadlineKey = (id: string) => ({ pk: `DEADLINE#${id}`, sk: 'DEADLINE' });

const listedDue = (deadline: MonitoredDeadline): string =>
  deadline.status === 'open' && deadline.notices.breach !== undefined ? `${BREACHED}${deadline.dueAt}` : deadline.dueAt;

function indexKeys(deadline: MonitoredDeadline) {
  const next = nextNoticeAt(deadline);
  return {
    gsi1pk: `DEADLINES#${deadline.subject.bodyId}`,
    gsi1sk: `${deadline.status}#${listedDue(deadline)}#${deadline.id}`,
    gsi2pk: `DEADLINES#${deadline.status}`,
    gsi2sk: `${listedDue(deadline)}#${deadline.id}`,
    ...(next === undefined ? {} : { duePk: DUE_PARTITION, dueSk: `${next}#${deadline.id}` }),
  };
}

/**
 * The sort-key ranges of a listing, in the order read. Bounds are due times: `dueFrom`
 * inclusive, `dueBefore` exclusive (every sort key ends in `#<id>`, so `BETWEEN … AND <before>`
 * stops short of a key at exactly <before>). Open deadlines: the breached first, then the rest.
 */
function listingRanges(q: DeadlineQuery, status: MonitoredDeadline['status'], prefix: string): KeyRange[] {
  const before = q.overdueAt !== undefined && (q.dueBefore === undefined || q.overdueAt < q.dueBefore) ? q.overdueAt : q.dueBefore;
  // Dates start with a digit: '0' … '~' holds every unbreached due time and nothing breached.
  const unbreached = { low: `${prefix}${q.dueFrom ?? '0'}`, high: `${prefix}${before ?? '~'}` };
  if (status !== 'open') return [unbreached];
  // Overdue: every recorded breach (bounded only by dueBefore), then whatever is past due.
  const breached = { low: `${prefix}${BREACHED}${q.overdueAt === undefined ? (q.dueFrom ?? '') : ''}`, high: `${prefix}${BREACHED}${q.dueBefore ?? '~'}` };
  return [breached, unbreached];
}

const toDeadline = (item: Record<string, unknown>) => withoutStorageFields(item) as unknown as MonitoredDeadline;
const query = (input: Parameters<typeof queryPage>[0], cursor: string | undefined) => queryPage(input, cursor, toDeadline);

export const dynamoDeadlineStore: DeadlineStore = {
  async get(id) {
    const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: deadlineKey(id), ConsistentRead: true }));
    return Item === undefined || Item.entity !== 'MonitoredDeadline' ? undefined : toDeadline(Item);
  },

  async track(deadline) {
    try {
      await dynamo().send(
        new PutCommand({
          TableName: tableName(),
          Item: { ...deadlineKey(deadline.id), entity: 'MonitoredDeadline', ...deadline, ...indexKeys(deadline) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return false; // already tracked, or closed before it arrived
    }
  },

  async close(id, status, at) {
    const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: deadlineKey(id), ConsistentRead: true }));
    if (Item === undefined) {
      // The close overtook the open: leave a tombstone so the late open is ignored.
      try {
        await dynamo().send(
          new PutCommand({
            TableName: tableName(),
            Item: { ...deadlineKey(id), entity: 'DeadlineTombstone', status, closedAt: at },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        return dynamoDeadlineStore.close(id, status, at);
      }
    }
    if (Item.status !== 'open') return;
    const closed = { ...toDeadline(Item), status, closedAt: at } as MonitoredDeadline;
    const keys = indexKeys(closed);
    try {
      await dynamo().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: deadlineKey(id),
          UpdateExpression:
            'SET #status = :status, closedAt = :at, gsi1sk = :g1, gsi2pk = :g2p, gsi2sk = :g2s, version = version + :one REMOVE duePk, dueSk',
          // The index keys come from this read: a move in between (new due time) must not be
          // overwritten with the old one, so the close is conditional on the version read.
          ConditionExpression: '#status = :open AND version = :read',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':status': status,
            ':at': at,
            ':g1': keys.gsi1sk,
            ':g2p': keys.gsi2pk,
            ':g2s': keys.gsi2sk,
            ':one': 1,
            ':open': 'open',
            ':read': Item.version,
          },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return dynamoDeadlineStore.close(id, status, at); // read again: closed meanwhile, or moved
    }
  },

  async save(deadline, expectedVersion, events: DomainEvent[], messages: OutboxMessage[]) {
    const { version: _version, ...rest } = deadline;
    await commitNext({
      key: deadlineKey(deadline.id),
      expectedVersion,
      state: { entity: 'MonitoredDeadline', ...rest, ...indexKeys(deadline) },
      events,
      outbox: messages,
    });
  },

  listDue(now, limit, cursor) {
    return query(
      {
        IndexName: 'due',
        KeyConditionExpression: 'duePk = :pk AND dueSk <= :now',
        // '~' sorts after every id character: everything due at `now` is included.
        ExpressionAttributeValues: { ':pk': DUE_PARTITION, ':now': `${now}#~` },
        Limit: limit,
      },
      cursor,
    );
  },

  list(q: DeadlineQuery) {
    const status = q.overdueAt === undefined ? (q.status ?? 'open') : 'open';
    const byBody = q.bodyId !== undefined;
    return queryRangesPage(
      {
        IndexName: byBody ? 'gsi1' : 'gsi2',
        partitionKey: byBody ? { name: 'gsi1pk', value: `DEADLINES#${q.bodyId}` } : { name: 'gsi2pk', value: `DEADLINES#${status}` },
        sortKey: byBody ? 'gsi1sk' : 'gsi2sk',
        Limit: q.limit,
      },
      // A body's partition holds every status: the status prefixes the sort key.
      listingRanges(q, status, byBody ? `${status}#` : ''),
      q.cursor,
      toDeadline,
    );
  },
};
