import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ComplianceViolation, RecordedFact } from '#domain/directory/compliance.ts';
import type { KnowledgeBaseEntry } from '#domain/information/knowledge-base.ts';
import { withoutStorageFields } from './versioned-item.ts';
import { dynamo, isConditionFailure, tableName } from './dynamo.ts';
import { queryAll } from './pagination.ts';
import { allFactsRange, bodyFactsRange, factKey, knowledgeBaseKey, knowledgeBasePartition, violationKey } from './table-keys.ts';

/**
 * Read models the effects function keeps from committed events. Each write is keyed by what it
 * records (table-keys.ts) and made once (a second projection of the same event is a no-op):
 * compliance violations and facts (§21) in the body's partition beside its responsible persons,
 * facts also on gsi2 (all bodies ranked for a period: one range Query), and the UCC knowledge
 * base (§5), one item per version of a body's service entry.
 */

const toFact = (item: Record<string, unknown>): RecordedFact => ({
  factId: String(item.factId),
  bodyId: String(item.bodyId),
  at: String(item.at),
  fact: item.fact as RecordedFact['fact'],
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

/** The effects' ReadModels port (effects/effect-ports.ts) and the compliance facts the routes read (ComplianceFacts). */
export const dynamoReadModels = {
  recordViolation: (violation: ComplianceViolation) =>
    putOnce({ ...violationKey(violation.bodyId, violation.occurredAt, violation.violationId), entity: 'ComplianceViolation', ...violation }),

  recordFact: (fact: RecordedFact) => putOnce({ ...factKey(fact), entity: 'ComplianceFact', ...fact }),

  /** A body's facts in [from, to) (instants). */
  async factsOfBody(bodyId: string, from: string, to: string): Promise<RecordedFact[]> {
    const range = bodyFactsRange(bodyId, from, to);
    const items = await queryAll({
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': range.pk, ':from': range.low, ':to': range.high },
    });
    return items.filter((item) => String(item.at) < to).map(toFact);
  },

  /** Every body's facts in [from, to) (instants). */
  async factsOfAll(from: string, to: string): Promise<RecordedFact[]> {
    const range = allFactsRange(from, to);
    const items = await queryAll({
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': range.pk, ':from': range.low, ':to': range.high },
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
