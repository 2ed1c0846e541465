import { CfnOutput, Duration, Fn, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { DOCUMENTS_BUCKET_NAME, STREAM_VIEW_TYPE, TABLE_INDEXES, TABLE_KEYS, TTL_ATTRIBUTE } from './table-definition.ts';

const stringKey = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });

/**
 * What must outlive a deployment: the one DynamoDB table, built from table-definition.ts (the
 * same definition the local stack creates its table from), with its stream (STREAM_VIEW_TYPE)
 * that feeds the effects function of the stateless stack, and TTL on TTL_ATTRIBUTE.
 */
export class StatefulStack extends Stack {
  /**
   * The concrete Table, handed as is to the stateless stack: its `tableStreamArn` is the stream's
   * GetAtt, so DynamoEventSource (which needs an ITable with a stream ARN) works there, and CDK
   * turns the reference into a cross-stack one (with cdk.json's weak references: an output of this
   * stack read by Fn::GetStackOutput, no export that would pin the stream). An imported
   * `Table.fromTableName` would have no stream ARN; `fromTableAttributes({ tableStreamArn })` would
   * only spell the same cross-stack reference out by hand.
   */
  readonly table: dynamodb.Table;
  /** The table's stream (what the effects function's event source mapping reads). */
  readonly tableStreamArn: string;
  /** Signed documents and attachments, `documents/<sha256>` (functions/adapters/document-store.ts). */
  readonly documentsBucket: s3.Bucket;
  /** Server access logs of the documents bucket. */
  readonly accessLogsBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: stringKey(TABLE_KEYS.partitionKey),
      sortKey: stringKey(TABLE_KEYS.sortKey),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      timeToLiveAttribute: TTL_ATTRIBUTE,
      stream: dynamodb.StreamViewType[STREAM_VIEW_TYPE],
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
    });
    if (this.table.tableStreamArn === undefined) throw new Error('The table must have a stream (STREAM_VIEW_TYPE)');
    this.tableStreamArn = this.table.tableStreamArn;
    for (const index of TABLE_INDEXES) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: stringKey(index.partitionKey),
        sortKey: stringKey(index.sortKey),
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }

    // Documents: private, encrypted, TLS only, versioned (an overwrite or a deletion keeps the old
    // bytes 90 days), access-logged; unfinished multipart uploads are cleared after a day, drafts
    // (documents no committed record names) after 7.
    this.accessLogsBucket = new s3.Bucket(this, 'AccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ expiration: Duration.days(365) }],
    });
    Validations.of(this.accessLogsBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket of the documents bucket: logging it to itself would loop.',
    });
    this.documentsBucket = new s3.Bucket(this, 'Documents', {
      bucketName: Fn.sub(DOCUMENTS_BUCKET_NAME),
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'documents/',
      lifecycleRules: [
        { abortIncompleteMultipartUploadAfter: Duration.days(1) },
        { noncurrentVersionExpiration: Duration.days(90) },
        // Uploads whose command was refused stay drafts (document-store.ts): gone after 7 days.
        { tagFilters: { state: 'draft' }, expiration: Duration.days(7) },
      ],
    });

    new CfnOutput(this, 'DocumentsBucket', { value: this.documentsBucket.bucketName, description: 'Signed documents and attachments' });
    new CfnOutput(this, 'TableName', { value: this.table.tableName, description: 'The DynamoDB table' });
    new CfnOutput(this, 'TableStreamArn', { value: this.tableStreamArn, description: 'The DynamoDB table stream (effects function)' });
  }
}
