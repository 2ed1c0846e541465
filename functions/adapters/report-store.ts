import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ReportDeliveryStore, ReportStore } from '#domain/reports/report-port.ts';
import type { ReportType, ReportVersion } from '#domain/reports/report.ts';
import { dynamo, isConditionFailure, tableName } from './dynamo.ts';
import { queryPage } from './pagination.ts';
import { REPORT_VERSION_PREFIX, reportClaimKey as claimKey, reportLastDeliveredKey as lastKey, reportTypePartition, reportVersionIndexKeys, reportVersionKey as versionKey, reportVersionsPartition } from './table-keys.ts';
import { withoutStorageFields } from './versioned-item.ts';

/**
 * Report versions (issue 15 §3): one item per version (the files are in S3), listed by type on
 * gsi1. Deliveries (§4): the claim of one period, and the last period delivered. Key layouts in
 * table-keys.ts.
 */

const toVersion = (item: Record<string, unknown>): ReportVersion => {
  const { entity: _entity, gsi1pk: _gsi1pk, gsi1sk: _gsi1sk, ...rest } = withoutStorageFields(item);
  return rest as unknown as ReportVersion;
};

export const dynamoReportStore: ReportStore = {
  async latestVersion(type, period) {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)',
        ExpressionAttributeValues: { ':pk': reportVersionsPartition(type, period), ':v': REPORT_VERSION_PREFIX },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
        ProjectionExpression: '#version',
        ExpressionAttributeNames: { '#version': 'version' },
      }),
    );
    return (page.Items?.[0]?.version as number | undefined) ?? 0;
  },
  async create(version) {
    try {
      await dynamo().send(
        new PutCommand({
          TableName: tableName(),
          Item: {
            ...versionKey(version.type, version.period, version.version),
            entity: 'ReportVersion',
            ...reportVersionIndexKeys(version),
            ...version,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return false;
    }
  },
  async get(type, period, version) {
    const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: versionKey(type, period, version) }));
    return Item === undefined ? undefined : toVersion(Item);
  },
  list({ type, period, limit, cursor }) {
    return period === undefined
      ? queryPage(
          { IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': reportTypePartition(type) }, ScanIndexForward: false, Limit: limit },
          cursor,
          toVersion,
        )
      : queryPage(
          {
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)',
            ExpressionAttributeValues: { ':pk': reportVersionsPartition(type, period), ':v': REPORT_VERSION_PREFIX },
            ScanIndexForward: false,
            Limit: limit,
          },
          cursor,
          toVersion,
        );
  },
  async markDelivered(type, period, version, at) {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: versionKey(type, period, version),
        UpdateExpression: 'SET deliveredAt = :at',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':at': at },
      }),
    );
  },
};

export const dynamoReportDeliveryStore: ReportDeliveryStore = {
  async lastDelivered(type) {
    const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: lastKey(type), ConsistentRead: true }));
    return Item?.period as string | undefined;
  },
  async claim(type, period, now, leaseMs) {
    try {
      await dynamo().send(
        new PutCommand({
          TableName: tableName(),
          Item: { ...claimKey(type, period), entity: 'ReportDelivery', type, period, status: 'claimed', leaseUntil: new Date(now.getTime() + leaseMs).toISOString() },
          // A new period, or one whose claimer died (its lease ran out) and never delivered.
          ConditionExpression: 'attribute_not_exists(pk) OR (#status = :claimed AND leaseUntil < :now)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':claimed': 'claimed', ':now': now.toISOString() },
        }),
      );
      return 'claimed';
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: claimKey(type, period), ConsistentRead: true }));
      return Item?.status === 'delivered' ? 'delivered' : 'leased';
    }
  },
  async delivered(type, period, reportId, at) {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: claimKey(type, period),
        UpdateExpression: 'SET #status = :delivered, reportId = :id, deliveredAt = :at REMOVE leaseUntil',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':delivered': 'delivered', ':id': reportId, ':at': at.toISOString() },
      }),
    );
    // Only forward: a late catch-up of an older period never moves the mark back.
    await dynamo()
      .send(
        new UpdateCommand({
          TableName: tableName(),
          Key: lastKey(type),
          UpdateExpression: 'SET #period = :period, #entity = :entity',
          ConditionExpression: 'attribute_not_exists(#period) OR #period < :period',
          ExpressionAttributeNames: { '#period': 'period', '#entity': 'entity' },
          ExpressionAttributeValues: { ':period': period, ':entity': 'ReportDeliveryMark' },
        }),
      )
      .catch((error: unknown) => {
        if (!isConditionFailure(error)) throw error;
      });
  },
  async release(type, period) {
    await dynamo()
      .send(
        new UpdateCommand({
          TableName: tableName(),
          Key: claimKey(type, period),
          UpdateExpression: 'SET leaseUntil = :past',
          ConditionExpression: '#status = :claimed',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':past': '0000', ':claimed': 'claimed' },
        }),
      )
      .catch((error: unknown) => {
        if (!isConditionFailure(error)) throw error;
      });
  },
};
