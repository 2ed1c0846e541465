import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DomainEvent } from '#domain/ports.ts';
import { dynamo, tableName } from './dynamo.ts';
import { decodeCursor, encodeCursor, withCursorCheck, type Page } from './pagination.ts';

/** The append-only audit log of one aggregate, oldest first (filled by the outbox finisher). */
export async function listAuditEvents(
  aggregateType: string,
  aggregateId: string,
  options: { limit?: number; cursor?: string } = {},
): Promise<Page<DomainEvent>> {
  const page = await withCursorCheck(options.cursor, () => dynamo().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `AUDIT#${aggregateType}#${aggregateId}` },
      Limit: options.limit ?? 50,
      ExclusiveStartKey: decodeCursor(options.cursor),
    }),
  ));
  const items = (page.Items ?? []).map(
    ({ eventId, type, at, actor, aggregateType: kind, aggregateId: id, data }) =>
      ({ eventId, type, at, actor, aggregateType: kind, aggregateId: id, data }) as DomainEvent,
  );
  const nextCursor = encodeCursor(page.LastEvaluatedKey);
  return { items, ...(nextCursor === undefined ? {} : { nextCursor }) };
}
