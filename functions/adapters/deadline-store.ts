import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DeadlineQuery, DeadlineStore } from '#domain/deadlines/deadline-store.ts';
import { nextNoticeAt, type MonitoredDeadline } from '#domain/deadlines/monitored-deadline.ts';
import type { DomainEvent, OutboxMessage } from '#domain/ports.ts';
import { dynamo, isConditionFailure, tableName } from './dynamo.ts';
import { queryFilledPage, queryPage } from './pagination.ts';
import { commitNext, withoutStorageFields } from './versioned-item.ts';

/**
 * Monitored deadlines: `DEADLINE#<id>` / `DEADLINE`.
 * - `due` index (sparse): `DUE` / `<next notice, UTC ISO>#<id>` while a notice is pending;
 * - gsi1: `DEADLINES#<bodyId>` / `<status>#<dueAt>#<id>` (a body's dashboard);
 * - gsi2: `DEADLINES#<status>` / `<dueAt>#<id>` (the operators' dashboard, calendar changes).
 */
export const DUE_PARTITION = 'DUE';
const deadlineKey = (id: string) => ({ pk: `DEADLINE#${id}`, sk: 'DEADLINE' });

function indexKeys(deadline: MonitoredDeadline) {
  const next = nextNoticeAt(deadline);
  return {
    gsi1pk: `DEADLINES#${deadline.subject.bodyId}`,
    gsi1sk: `${deadline.status}#${deadline.dueAt}#${deadline.id}`,
    gsi2pk: `DEADLINES#${deadline.status}`,
    gsi2sk: `${deadline.dueAt}#${deadline.id}`,
    ...(next === undefined ? {} : { duePk: DUE_PARTITION, dueSk: `${next}#${deadline.id}` }),
  };
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
    const overdue =
      q.overdueAt === undefined
        ? undefined
        : {
            FilterExpression: '#dueAt < :now OR attribute_exists(notices.breach)',
            names: { '#dueAt': 'dueAt' },
            values: { ':now': q.overdueAt },
          };
    const range =
      q.dueBefore !== undefined && q.dueFrom !== undefined
        ? { condition: ' AND #sk BETWEEN :from AND :before', values: { ':from': q.dueFrom, ':before': q.dueBefore } }
        : q.dueBefore !== undefined
          ? { condition: ' AND #sk < :before', values: { ':before': q.dueBefore } }
          : q.dueFrom !== undefined
            ? { condition: ' AND #sk >= :from', values: { ':from': q.dueFrom } }
            : { condition: '', values: {} };
    const run = (input: Parameters<typeof queryPage>[0]) =>
      overdue === undefined
        ? query(input, q.cursor)
        : queryFilledPage(
            {
              ...input,
              Limit: q.limit,
              FilterExpression: overdue.FilterExpression,
              ExpressionAttributeNames: { ...input.ExpressionAttributeNames, ...overdue.names },
              ExpressionAttributeValues: { ...input.ExpressionAttributeValues, ...overdue.values },
            },
            q.cursor,
            toDeadline,
          );
    if (q.bodyId !== undefined) {
      // The status prefixes the sort key: bound both ends inside it (other statuses sort around it).
      return run({
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :low AND :high',
        ExpressionAttributeValues: {
          ':pk': `DEADLINES#${q.bodyId}`,
          ':low': `${status}#${q.dueFrom ?? ''}`,
          ':high': q.dueBefore === undefined ? `${status}#~` : `${status}#${q.dueBefore}`,
        },
        Limit: q.limit,
      });
    }
    return run({
      IndexName: 'gsi2',
      KeyConditionExpression: `gsi2pk = :pk${range.condition}`,
      ...(range.condition === '' ? {} : { ExpressionAttributeNames: { '#sk': 'gsi2sk' } }),
      ExpressionAttributeValues: { ':pk': `DEADLINES#${status}`, ...range.values },
      Limit: q.limit,
    });
  },
};
