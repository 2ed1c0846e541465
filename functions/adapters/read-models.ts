import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ComplianceViolation } from '#domain/directory/compliance.ts';
import { dynamo, isConditionFailure, tableName } from './dynamo.ts';

/**
 * Read models the effects function keeps from committed events. Each write is keyed by what it
 * records and made once (a second projection of the same event is a no-op).
 */

/** In the body's partition, beside its responsible persons (§21): one Query reads the record. */
export const violationKey = (bodyId: string, occurredAt: string, violationId: string) => ({
  pk: `BODY#${bodyId}`,
  sk: `VIOLATION#${occurredAt}#${violationId}`,
});

/** The UCC knowledge base (§5): one entry per body and service, one item per version. */
export const knowledgeBasePartition = (bodyId: string, serviceCode: string) => `KB#${bodyId}#${serviceCode}`;
export const knowledgeBaseKey = (bodyId: string, serviceCode: string, version: number) => ({
  pk: knowledgeBasePartition(bodyId, serviceCode),
  sk: `VERSION#${String(version).padStart(4, '0')}`,
});

export interface KnowledgeBaseEntry {
  bodyId: string;
  serviceCode: string;
  version: number;
  information: unknown;
  registeredAt: string;
  registeredBy: string;
  acceptanceId: string;
}

const putOnce = async (item: Record<string, unknown>): Promise<void> => {
  try {
    await dynamo().send(new PutCommand({ TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
};

export const dynamoReadModels = {
  recordViolation: (violation: ComplianceViolation) =>
    putOnce({ ...violationKey(violation.bodyId, violation.occurredAt, violation.violationId), entity: 'ComplianceViolation', ...violation }),

  recordKnowledgeBaseEntry: (entry: KnowledgeBaseEntry) =>
    putOnce({ ...knowledgeBaseKey(entry.bodyId, entry.serviceCode, entry.version), entity: 'KnowledgeBaseEntry', ...entry }),
};

export type ReadModels = typeof dynamoReadModels;
