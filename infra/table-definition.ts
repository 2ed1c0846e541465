/**
 * The one DynamoDB table, as plain data: the CDK stateful stack and the local stack both build
 * their table from this, so the two can never drift (a CDK assertion test ties them together).
 * dynalite cannot add a GSI later (UpdateTable), so every index the design needs is declared here.
 */
export interface IndexDefinition {
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  readonly purpose: string;
}

export const TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk' } as const;

/**
 * The attribute the table expires items by (TTL: AWS's clean-up of idempotency records): a Number
 * of epoch seconds, DynamoDB TTL ignores any other type (functions/adapters/idempotency-store.ts writes
 * `ttl`). Expiry is clean-up only: handlers check `expiresAt` on read.
 */
export const TTL_ATTRIBUTE = 'ttl';

/**
 * What the table's stream carries: the item as written. The effects function reads only the new
 * image (functions/effects/handle-stream.ts) and its event source filters on it.
 */
export const STREAM_VIEW_TYPE = 'NEW_IMAGE' as const;

export const TABLE_INDEXES: readonly IndexDefinition[] = [
  { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', purpose: 'listings: by kind, by body, by status' },
  { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk', purpose: 'secondary listings: by body and status' },
  { name: 'due', partitionKey: 'duePk', sortKey: 'dueSk', purpose: 'sparse: open deadlines ordered by due time' },
  { name: 'pending', partitionKey: 'pendingPk', sortKey: 'pendingSk', purpose: 'sparse: items with work a re-drive must finish' },
  { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk', purpose: 'sparse: per-body listings by next due time (overdue acceptances)' },
];

/** Every key attribute is a string. */
export const TABLE_ATTRIBUTES: readonly string[] = [
  TABLE_KEYS.partitionKey,
  TABLE_KEYS.sortKey,
  ...TABLE_INDEXES.flatMap((index) => [index.partitionKey, index.sortKey]),
];

/** CreateTable input for the local server (on-demand, all indexes projecting ALL). */
export function createTableInput(tableName: string) {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: TABLE_ATTRIBUTES.map((name) => ({ AttributeName: name, AttributeType: 'S' as const })),
    KeySchema: [
      { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: TABLE_INDEXES.map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
        { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'ALL' as const },
    })),
  };
}

/**
 * The documents bucket's name (CloudFormation Fn::Sub pattern): fixed per account and region, so
 * the stateless stack names it (and grants `documents/*` on it) without a cross-stack reference.
 */
export const DOCUMENTS_BUCKET_NAME = 'ucc-interop-documents-${AWS::AccountId}-${AWS::Region}';
export const DOCUMENTS_OBJECTS_ARN = `arn:\${AWS::Partition}:s3:::${DOCUMENTS_BUCKET_NAME}/documents/*`;
/** cdk-nag's id of the `documents/*` wildcard (content-addressed objects, named at run time). */
export const DOCUMENTS_NAG_ID = 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::ucc-interop-documents-<AWS::AccountId>-<AWS::Region>/documents/*]';
