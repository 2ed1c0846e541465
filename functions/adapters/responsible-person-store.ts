import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ConcurrentUpdateError } from '#domain/errors.ts';
import type { ComplianceViolation } from '#domain/directory/compliance.ts';
import type { ResponsibleAssignment } from '#domain/directory/responsible-person.ts';
import type { ResponsiblePersonStore } from '#domain/directory/responsible-person-port.ts';
import { dynamo, tableName } from './dynamo.ts';
import { queryAll } from './pagination.ts';
import { ASSIGNMENTS_PREFIX, VIOLATIONS_PREFIX, assignmentKey, bodyPartition } from './table-keys.ts';
import { commitNew, commitNext, withoutStorageFields } from './versioned-item.ts';

/**
 * In the body's partition (table-keys.ts): the body-wide assignment and one per service (whose
 * key also ends the service's acceptance id, so a step reads it in its one batched read), and one
 * item per compliance violation (§21) — so a body's whole record is one Query.
 */

export const toAssignment = (item: Record<string, unknown>) => withoutStorageFields(item) as unknown as ResponsibleAssignment;

const queryPartition = (bodyId: string, prefix: string) =>
  queryAll({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)', ExpressionAttributeValues: { ':pk': bodyPartition(bodyId), ':prefix': prefix } });

export const dynamoResponsiblePersonStore: ResponsiblePersonStore = {
  async get(bodyId, scope) {
    const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: assignmentKey(bodyId, scope), ConsistentRead: true }));
    return Item === undefined ? undefined : toAssignment(Item);
  },

  async listForBody(bodyId) {
    return (await queryPartition(bodyId, ASSIGNMENTS_PREFIX)).map(toAssignment);
  },

  async save(assignment, expectedVersion, events) {
    const { version: _version, ...fields } = assignment;
    const write = { key: assignmentKey(assignment.bodyId, assignment.scope), state: { entity: 'ResponsibleAssignment', ...fields }, events };
    if (expectedVersion > 0) await commitNext({ ...write, expectedVersion });
    else if (!(await commitNew(write))) throw new ConcurrentUpdateError('The responsible person was appointed concurrently; retry');
  },

  async listViolations(bodyId) {
    return (await queryPartition(bodyId, VIOLATIONS_PREFIX)).map((item) => withoutStorageFields(item) as unknown as ComplianceViolation);
  },
};
