import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ConcurrentUpdateError } from '#domain/errors.ts';
import type { Escalation } from '#domain/requests/escalation.ts';
import type { EscalationQuery, EscalationStore } from '#domain/requests/request-port.ts';
import { dynamo, tableName } from './dynamo.ts';
import { queryPage } from './pagination.ts';
import { escalationIndexKeys, escalationKey, escalationListPartition, escalationMonthKey } from './table-keys.ts';
import { commitNew, commitNext, withoutStorageFields } from './versioned-item.ts';

/**
 * §12 escalations, one per body and month (key layouts in table-keys.ts: the key itself makes a
 * second one for the same month impossible); listed per body on gsi1 and all on gsi2, newest month first.
 */

const toEscalation = (item: Record<string, unknown>): Escalation => withoutStorageFields(item) as unknown as Escalation;

export const dynamoEscalationStore: EscalationStore = {
  async get(bodyId, month) {
    const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: escalationKey(bodyId, month), ConsistentRead: true }));
    return Item === undefined ? undefined : toEscalation(Item);
  },

  async save(state, expectedVersion, events, messages) {
    const { version: _version, ...rest } = state;
    const write = {
      key: escalationKey(state.bodyId, state.month),
      state: {
        entity: 'Escalation',
        ...rest,
        ...escalationIndexKeys(state),
      },
      events,
      outbox: messages,
    };
    if (expectedVersion > 0) await commitNext({ ...write, expectedVersion });
    else if (!(await commitNew(write))) throw new ConcurrentUpdateError('The escalation was opened concurrently; read it again');
  },

  list(query: EscalationQuery) {
    const byBody = query.bodyId !== undefined;
    return queryPage(
      {
        IndexName: byBody ? 'gsi1' : 'gsi2',
        KeyConditionExpression: byBody
          ? `gsi1pk = :pk${query.month === undefined ? '' : ' AND gsi1sk = :month'}`
          : `gsi2pk = :pk${query.month === undefined ? '' : ' AND begins_with(gsi2sk, :month)'}`,
        ExpressionAttributeValues: {
          ':pk': escalationListPartition(query.bodyId),
          ...(query.month === undefined ? {} : { ':month': escalationMonthKey(query.month, byBody) }),
        },
        ScanIndexForward: false,
        Limit: query.limit,
      },
      query.cursor,
      toEscalation,
    );
  },
};
