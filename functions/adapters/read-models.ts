import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ComplianceViolation, RecordedFact } from '#domain/directory/compliance.ts';
import type { KnowledgeBaseEntry } from '#domain/information/knowledge-base.ts';
import { withoutStorageFields } from './versioned-item.ts';
import { dynamo, isConditionFailure, tableName } from './dynamo.ts';
import { queryAll } from './pagination.ts';

/**
 * Read models the effects function keeps from committed events. Each write is keyed by what it
 * records and made once (a second projection of the same event is a no-op).
 */

/** In the body's partition, beside its responsible persons (§21): one Query reads the record. */
export const violationKey = (bodyId: string, occurredAt: string, violationId: string) => ({
  pk: `BODY#${bodyId}`,
  sk: `VIOLATION#${occurredAt}#${violationId}`,
});

/**
 * Compliance facts (§21): in the body's partition `FACT#<at>#<factId>` (a body's record for a
 * period is one range Query), and on gsi2 `FACTS` / `<at>#<bodyId>#<factId>` (the ranking of all
 * bodies for a period is one range Query).
 */
export const factKey = (fact: RecordedFact) => ({
  pk: `BODY#${fact.bodyId}`,
  sk: `FACT#${fact.at}#${fact.factId}`,
  gsi2pk: 'FACTS',
  gsi2sk: `${fact.at}#${fact.bodyId}#${fact.factId}`,
});

const toFact = (item: Record<string, unknown>): RecordedFact => ({
  factId: String(item.factId),
  bodyId: String(item.bodyId),
  at: String(item.at),
  fact: item.fact as RecordedFact['fact'],
});

/** The UCC knowledge base (§5): one entry per body and service, one item per version. */
export const knowledgeBasePartition = (bodyId: string, serviceCode: string) => `KB#${bodyId}#${serviceCode}`;
export const knowledgeBaseKey = (bodyId: string, serviceCode: string, version: number) => ({
  pk: knowledgeBasePartition(bodyId, serviceCode),
  sk: `VERSION#${String(version).padStart(4, '0')}`,
});


/** True when written, false when the key was there already (the same projection, or a version taken). */
const putOnce = async (item: Record<string, unknown>): Promise<boolean> => {
  try {
    await dynamo().send(new PutCommand({ TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
    return true;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return false;
  }
};

export const dynamoReadModels = {
  recordViolation: (violation: ComplianceViolation) =>
    putOnce({ ...violationKey(violation.bodyId, violation.occurredAt, violation.violationId), entity: 'ComplianceViolation', ...violation }),

  recordFact: (fact: RecordedFact) => putOnce({ ...factKey(fact), entity: 'ComplianceFact', ...fact }),

  /** A body's facts in [from, to) (instants). */
  async factsOfBody(bodyId: string, from: string, to: string): Promise<RecordedFact[]> {
    const items = await queryAll({
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': `BODY#${bodyId}`, ':from': `FACT#${from}`, ':to': `FACT#${to}` },
    });
    return items.filter((item) => String(item.at) < to).map(toFact);
  },

  /** Every body's facts in [from, to) (instants). */
  async factsOfAll(from: string, to: string): Promise<RecordedFact[]> {
    const items = await queryAll({
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': 'FACTS', ':from': from, ':to': to },
    });
    return items.filter((item) => String(item.at) < to).map(toFact);
  },

  recordKnowledgeBaseEntry: (entry: KnowledgeBaseEntry) =>
    putOnce({ ...knowledgeBaseKey(entry.bodyId, entry.serviceCode, entry.version), entity: 'KnowledgeBaseEntry', ...entry }),

  /** Every version of an entry, newest first. */
  async knowledgeBaseVersions(bodyId: string, serviceCode: string): Promise<KnowledgeBaseEntry[]> {
    const items = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': knowledgeBasePartition(bodyId, serviceCode) }, ScanIndexForward: false });
    return items.map((item) => withoutStorageFields(item) as unknown as KnowledgeBaseEntry);
  },
};

export type ReadModels = typeof dynamoReadModels;
