import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ComplianceViolation } from '#domain/directory/compliance.ts';
import type { ResponsibleAssignment } from '#domain/directory/responsible-person.ts';
import type { ResponsiblePersonStore } from '#domain/directory/responsible-person-store.ts';
import { systemClock } from './clock.ts';
import { dynamo, tableName } from './dynamo.ts';
import { finishAfterCommit } from './pending-work.ts';
import { sesMailer } from './ses-mailer.ts';
import { putVersioned, withoutStorageFields } from './versioned-item.ts';

/**
 * In the body's partition: `RP#<scope>` per assignment, `VIOLATION#<at>#<eventId>` per
 * compliance violation (§21) — so a body's whole record is one Query.
 */
const assignmentKey = (bodyId: string, scope: string) => ({ pk: `BODY#${bodyId}`, sk: `RP#${scope}` });

const toAssignment = (item: Record<string, unknown>) => withoutStorageFields(item) as unknown as ResponsibleAssignment;

async function queryPartition(bodyId: string, prefix: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': `BODY#${bodyId}`, ':prefix': prefix },
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return items;
}

export const dynamoResponsiblePersonStore: ResponsiblePersonStore = {
  async get(bodyId, scope) {
    const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: assignmentKey(bodyId, scope), ConsistentRead: true }));
    return Item === undefined ? undefined : toAssignment(Item);
  },

  async listForBody(bodyId) {
    return (await queryPartition(bodyId, 'RP#')).map(toAssignment);
  },

  async save(assignment, expectedVersion, events) {
    const key = assignmentKey(assignment.bodyId, assignment.scope);
    const carried =
      expectedVersion === 0 ? undefined : (await dynamo().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }))).Item;
    const item = await putVersioned({
      key,
      expectedVersion,
      state: { entity: 'ResponsibleAssignment', ...assignment },
      events,
      ...(carried === undefined ? {} : { carried }),
      at: events[0]?.at ?? systemClock.now().toISOString(),
    });
    await finishAfterCommit(item, sesMailer, systemClock);
  },

  async listViolations(bodyId) {
    return (await queryPartition(bodyId, 'VIOLATION#')).map((item) => withoutStorageFields(item) as unknown as ComplianceViolation);
  },
};
