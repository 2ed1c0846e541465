import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ConcurrentUpdateError } from '#domain/errors.ts';
import type { ComplianceViolation } from '#domain/directory/compliance.ts';
import type { ResponsibleAssignment } from '#domain/directory/responsible-person.ts';
import type { ResponsiblePersonStore } from '#domain/directory/responsible-person-store.ts';
import { dynamo, tableName } from './dynamo.ts';
import { queryAll } from './pagination.ts';
import { commitNew, commitNext, withoutStorageFields } from './versioned-item.ts';

/**
 * In the body's partition: `RP#<scope>` per assignment, `VIOLATION#<at>#<eventId>` per
 * compliance violation (§21) — so a body's whole record is one Query.
 */
const assignmentKey = (bodyId: string, scope: string) => ({ pk: `BODY#${bodyId}`, sk: `RP#${scope}` });

const toAssignment = (item: Record<string, unknown>) => withoutStorageFields(item) as unknown as ResponsibleAssignment;

const queryPartition = (bodyId: string, prefix: string) =>
  queryAll({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)', ExpressionAttributeValues: { ':pk': `BODY#${bodyId}`, ':prefix': prefix } });

export const dynamoResponsiblePersonStore: ResponsiblePersonStore = {
  async get(bodyId, scope) {
    const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: assignmentKey(bodyId, scope), ConsistentRead: true }));
    return Item === undefined ? undefined : toAssignment(Item);
  },

  async listForBody(bodyId) {
    return (await queryPartition(bodyId, 'RP#')).map(toAssignment);
  },

  async save(assignment, expectedVersion, events) {
    const { version: _version, ...fields } = assignment;
    const write = { key: assignmentKey(assignment.bodyId, assignment.scope), state: { entity: 'ResponsibleAssignment', ...fields }, events };
    if (expectedVersion > 0) await commitNext({ ...write, expectedVersion });
    else if (!(await commitNew(write))) throw new ConcurrentUpdateError('The responsible person was appointed concurrently; retry');
  },

  async listViolations(bodyId) {
    return (await queryPartition(bodyId, 'VIOLATION#')).map((item) => withoutStorageFields(item) as unknown as ComplianceViolation);
  },
};
