import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DeadlineQuery, DeadlineStore } from '#domain/deadlines/deadline-port.ts';
import { nextNoticeAt, type MonitoredDeadline } from '#domain/deadlines/monitored-deadline.ts';
import type { DomainEvent, OutboxMessage } from '#domain/ports.ts';
import { dynamo, isConditionFailure, tableName } from './dynamo.ts';
import { queryPage, queryRangesPage } from './pagination.ts';
import { deadlineBodyPartition, deadlineDuePartition, deadlineIndexKeys, deadlineKey, deadlineListingRanges, deadlineStatusPartition, dueUpTo } from './table-keys.ts';
import { commitNext, withoutStorageFields } from './versioned-item.ts';

/**
 * Monitored deadlines (key layouts in table-keys.ts): a body's dashboard on gsi1, the operators'
 * on gsi2 (by status), and the sparse `due` index while a notice is pending. An open deadline whose
 * breach is recorded lists before every other, so every overdue list is a key range (a recorded
 * breach stays overdue whatever the clock says, §21), never a filter.
 */
function indexKeys(deadline: MonitoredDeadline) {
  return deadlineIndexKeys({
    id: deadline.id,
    bodyId: deadline.subject.bodyId,
    status: deadline.status,
    dueAt: deadline.dueAt,
    breached: deadline.notices.breach !== undefined,
    nextNotice: nextNoticeAt(deadline),
  });
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
        // Everything due at `now` is included.
        ExpressionAttributeValues: { ':pk': deadlineDuePartition(), ':now': dueUpTo(now) },
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
        partitionKey: q.bodyId !== undefined ? { name: 'gsi1pk', value: deadlineBodyPartition(q.bodyId) } : { name: 'gsi2pk', value: deadlineStatusPartition(status) },
        sortKey: byBody ? 'gsi1sk' : 'gsi2sk',
        Limit: q.limit,
      },
      // A body's partition holds every status: the status prefixes the sort key.
      deadlineListingRanges(q, status, byBody),
      q.cursor,
      toDeadline,
    );
  },
};
