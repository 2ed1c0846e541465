import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { COMPLAINT_STATUSES, type Complaint } from '#domain/complaints/complaint.ts';
import type { ComplaintQuery, ComplaintStore, ComplaintViolationStore } from '#domain/complaints/complaint-port.ts';
import type { ComplaintViolation } from '#domain/complaints/complaint-violations.ts';
import { caseStore } from './case-store.ts';
import { dynamo, isConditionFailure, tableName } from './dynamo.ts';
import { queryEach, queryRangesPage } from './pagination.ts';
import { CASE_PREFIXES, caseListPartition, complaintMonthRange, complaintOpened, complaintViolationKey, complaintViolationPartition } from './table-keys.ts';
import { withoutStorageFields } from './versioned-item.ts';

/**
 * Complaints (§17, a case of case-store.ts; key layouts in table-keys.ts), listed by the body
 * complained about on gsi1 and all together on gsi2, both sorted by status, then registration
 * date and receipt: a status is a key prefix, and a month of registration is one key range per
 * status. Their documents are in the documents bucket, added
 * by the composition root (composition.ts).
 */
const complaints = caseStore<Complaint>({
  entity: 'Complaint',
  prefix: CASE_PREFIXES.complaint,
  openedAtOf: complaintOpened,
});

export const toComplaint = complaints.toCase;

/** A month of registration: one range per status, newest first as the other lists (statuses in descending key order). */
function listMonth(query: ComplaintQuery & { month: string }) {
  const byBody = query.bodyId !== undefined;
  const statuses = query.status === undefined ? [...COMPLAINT_STATUSES].sort().reverse() : [query.status];
  return queryRangesPage(
    {
      IndexName: byBody ? 'gsi1' : 'gsi2',
      partitionKey: { name: byBody ? 'gsi1pk' : 'gsi2pk', value: caseListPartition(CASE_PREFIXES.complaint, query.bodyId) },
      sortKey: byBody ? 'gsi1sk' : 'gsi2sk',
      Limit: query.limit,
      ScanIndexForward: false,
    },
    // The whole month, nothing of the next.
    statuses.map((status) => complaintMonthRange(status, query.month)),
    query.cursor,
    toComplaint,
  );
}

export const dynamoComplaintStore: Omit<ComplaintStore, 'putDocument'> = {
  get: complaints.get,
  create: complaints.create,
  save: complaints.save,
  list: (query) => (query.month === undefined ? complaints.list(query) : listMonth({ ...query, month: query.month })),
};

async function* violationsOfMonth(month: string): AsyncGenerator<ComplaintViolation> {
  for await (const item of queryEach({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': complaintViolationPartition(month) } })) {
    yield withoutStorageFields(item) as unknown as ComplaintViolation;
  }
}

/** The violations of the review periods (§18): one partition per month (table-keys.ts). */
export const dynamoComplaintViolationStore: ComplaintViolationStore = {
  async record(violation) {
    try {
      await dynamo().send(
        new PutCommand({
          TableName: tableName(),
          Item: { ...complaintViolationKey(violation), entity: 'ComplaintViolation', ...violation },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return false;
    }
  },
  async ofMonth(month) {
    const items: ComplaintViolation[] = [];
    for await (const violation of violationsOfMonth(month)) items.push(violation);
    return items;
  },
  eachOfMonth: violationsOfMonth,
};
