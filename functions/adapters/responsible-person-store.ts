import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ConcurrentUpdateError } from '#domain/errors.ts';
import type { ComplianceViolation } from '#domain/directory/compliance.ts';
import type { ResponsibleAssignment } from '#domain/directory/responsible-person.ts';
import { serviceKey } from '#domain/directory/responsible-assignment.ts';
import type { ResponsiblePersonStore } from '#domain/directory/responsible-person-store.ts';
import { dynamo, tableName } from './dynamo.ts';
import { queryAll } from './pagination.ts';
import { commitNew, commitNext, withoutStorageFields } from './versioned-item.ts';

/**
 * In the body's partition: `RP#body` for the body-wide assignment, `RP#service#<service key>`
 * per service (the key that also ends the service's acceptance id, so a step reads it in its
 * one batched read), and `VIOLATION#<at>#<eventId>` per compliance violation (§21) — so a
 * body's whole record is one Query.
 */
const SERVICE_SCOPE = 'service:';
const assignmentSortKey = (scope: string) =>
  scope.startsWith(SERVICE_SCOPE) ? `RP#service#${serviceKey(scope.slice(SERVICE_SCOPE.length))}` : `RP#${scope}`;
export const assignmentKey = (bodyId: string, scope: string) => ({ pk: `BODY#${bodyId}`, sk: assignmentSortKey(scope) });

/** The service assignment and the body-wide one of an acceptance whose id ends in its service key. */
export const assignmentKeysOfAcceptance = (acceptanceId: string) => {
  const match = /^acc-(\d{12})-([0-9a-f]{32})$/.exec(acceptanceId);
  if (match === null) return [];
  const [, bodyId, key] = match as unknown as [string, string, string];
  return [
    { pk: `BODY#${bodyId}`, sk: `RP#service#${key}` },
    { pk: `BODY#${bodyId}`, sk: 'RP#body' },
  ];
};

export const toAssignment = (item: Record<string, unknown>) => withoutStorageFields(item) as unknown as ResponsibleAssignment;

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
