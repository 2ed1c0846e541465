import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { DomainEvent, OutboxMessage } from '#domain/ports.ts';
import { dynamo, tableName } from './dynamo.ts';
import { queryPage } from './pagination.ts';
import { caseIndexKeys, caseKey, caseListPartition, statusPrefix, type CasePrefix } from './table-keys.ts';
import { commitNew, commitNext, withoutStorageFields } from './versioned-item.ts';

/**
 * The storage of a case with a status, a body and an opening time (an information request, a
 * discrepancy, a training request, an information update, a complaint, a report period; key layouts in
 * table-keys.ts): listed per body on gsi1 and all together on gsi2, sorted by status so a status
 * filter is a key prefix, newest first. One conditional write per command.
 */
export interface CaseLayout<T> {
  entity: string;
  /** The case kind's key token (CASE_PREFIXES). */
  prefix: CasePrefix;
  /** When the case was opened: its place in the listings (its id, body and status are its own members). */
  openedAtOf(state: T): string;
}

/** What every case has: its id, the body it is listed under, its status and its version. */
export interface StoredCase {
  id: string;
  bodyId: string;
  status: string;
  version: number;
}

export interface CaseQuery<S extends string = string> {
  bodyId?: string;
  status?: S;
  limit: number;
  cursor?: string;
}

export function caseStore<T extends StoredCase>(layout: CaseLayout<T>) {
  const keyOf = (id: string) => caseKey(layout.prefix, id);
  const toCase = (item: Record<string, unknown>): T => withoutStorageFields(item) as unknown as T;
  const stateOf = (state: T) => {
    const { version: _version, ...rest } = state;
    return {
      entity: layout.entity,
      ...rest,
      ...caseIndexKeys(layout.prefix, { bodyId: state.bodyId, status: state.status, opened: layout.openedAtOf(state), id: state.id }),
    };
  };
  return {
    toCase,
    async get(id: string): Promise<T | undefined> {
      const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: keyOf(id), ConsistentRead: true }));
      return Item === undefined || Item.entity !== layout.entity ? undefined : toCase(Item);
    },
    create: (state: T, events: DomainEvent[], messages: OutboxMessage[]): Promise<boolean> =>
      commitNew({ key: keyOf(state.id), state: stateOf(state), events, outbox: messages }),
    async save(state: T, expectedVersion: number, events: DomainEvent[], messages: OutboxMessage[]): Promise<void> {
      await commitNext({ key: keyOf(state.id), expectedVersion, state: stateOf(state), events, outbox: messages });
    },
    list(query: CaseQuery): Promise<{ items: T[]; nextCursor?: string }> {
      const byBody = query.bodyId !== undefined;
      const [pkName, skName] = byBody ? ['gsi1pk', 'gsi1sk'] : ['gsi2pk', 'gsi2sk'];
      return queryPage(
        {
          IndexName: byBody ? 'gsi1' : 'gsi2',
          KeyConditionExpression: `${pkName} = :pk${query.status === undefined ? '' : ` AND begins_with(${skName}, :status)`}`,
          ExpressionAttributeValues: {
            ':pk': caseListPartition(layout.prefix, query.bodyId),
            ...(query.status === undefined ? {} : { ':status': statusPrefix(query.status) }),
          },
          ScanIndexForward: false,
          Limit: query.limit,
        },
        query.cursor,
        toCase,
      );
    },
  };
}
