import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DomainEvent } from '#domain/ports.ts';
import { dynamo, isConditionFailure, tableName } from './dynamo.ts';
import { decodeCursor, encodeCursor, withCursorCheck, type Page } from './pagination.ts';
import { auditKey, auditPartition } from './table-keys.ts';
import { definedMembers } from '#domain/defined-members.ts';

/** Appends one event to its aggregate's audit log, once: a second copy of the same event is a no-op. */
export async function appendAuditEvent(event: DomainEvent): Promise<void> {
  try {
    await dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...auditKey(event), entity: 'AuditEvent', ...event },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error; // already copied by an earlier attempt
  }
}

/** The append-only audit log of one aggregate, oldest first (filled by the effects function). */
export async function listAuditEvents(
  aggregateType: string,
  aggregateId: string,
  options: { limit?: number; cursor?: string | undefined } = {},
): Promise<Page<DomainEvent>> {
  const page = await withCursorCheck(options.cursor, () => dynamo().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': auditPartition(aggregateType, aggregateId) },
      Limit: options.limit ?? 50,
      ExclusiveStartKey: decodeCursor(options.cursor),
    }),
  ));
  const items = (page.Items ?? []).map(
    ({ eventId, type, at, actor, aggregateType: kind, aggregateId: id, data }) =>
      ({ eventId, type, at, actor, aggregateType: kind, aggregateId: id, data }) as DomainEvent,
  );
  const nextCursor = encodeCursor(page.LastEvaluatedKey);
  return { items, ...definedMembers({ nextCursor }) };
}
