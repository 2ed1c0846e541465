import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '#infra/app.ts';
import { STREAM_VIEW_TYPE, TTL_ATTRIBUTE, createTableInput } from '#infra/table-definition.ts';
import { resourcesOfType, type CfnResourceJson } from './helpers.ts';

const sortedJson = (values: readonly unknown[]): string[] => values.map((value) => JSON.stringify(value)).sort();

describe('StatefulStack', () => {
  let template: Template;
  let table: CfnResourceJson;
  let tableLogicalId: string;
  const expected = createTableInput('x');

  beforeAll(() => {
    const { stateful } = buildApp({ bundle: false, nag: false });
    template = Template.fromStack(stateful);
    const tables = resourcesOfType(template, 'AWS::DynamoDB::Table');
    expect(tables).toHaveLength(1);
    [tableLogicalId, table] = tables[0]!;
  });

  it('declares exactly one AWS::DynamoDB::Table', () => {
    // Arrange / Act: built in beforeAll
    // Assert
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', 0);
  });

  it('has the key schema of table-definition.ts', () => {
    // Act
    const keySchema = table.Properties?.KeySchema as unknown[];
    // Assert
    expect(keySchema).toEqual(expected.KeySchema);
  });

  it('has every GSI of table-definition.ts, projecting ALL, and no other', () => {
    // Act
    const indexes = table.Properties?.GlobalSecondaryIndexes as unknown[];
    // Assert
    expect(sortedJson(indexes)).toEqual(sortedJson(expected.GlobalSecondaryIndexes));
  });

  it('defines exactly the attributes of table-definition.ts, all strings', () => {
    // Act
    const attributes = table.Properties?.AttributeDefinitions as unknown[];
    // Assert
    expect(sortedJson(attributes)).toEqual(sortedJson(expected.AttributeDefinitions));
  });

  it('is on-demand, with PITR and deletion protection, AWS-managed encryption and TTL clean-up', () => {
    // Act
    const properties = table.Properties ?? {};
    // Assert
    expect(properties.BillingMode).toBe(expected.BillingMode);
    expect(properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(properties.DeletionProtectionEnabled).toBe(true);
    expect(properties.SSESpecification).toEqual({ SSEEnabled: true });
    expect(properties.TimeToLiveSpecification).toEqual({ AttributeName: TTL_ATTRIBUTE, Enabled: true });
  });

  it('expires items by the Number attribute `ttl` (epoch seconds), the one the app writes', () => {
    // Act
    const ttl = table.Properties?.TimeToLiveSpecification;
    // Assert
    expect(TTL_ATTRIBUTE).toBe('ttl');
    expect(ttl).toEqual({ AttributeName: 'ttl', Enabled: true });
    // Not a key attribute: TTL needs no attribute definition (and the definitions are all strings).
    expect((table.Properties?.AttributeDefinitions as { AttributeName: string }[]).map((a) => a.AttributeName)).not.toContain('ttl');
  });

  it('has a stream of new images, which the effects function reads', () => {
    // Act
    const stream = table.Properties?.StreamSpecification;
    // Assert
    expect(STREAM_VIEW_TYPE).toBe('NEW_IMAGE');
    expect(stream).toEqual({ StreamViewType: 'NEW_IMAGE' });
  });

  it('outputs the stream ARN', () => {
    // Act
    const outputs = Object.values(template.findOutputs('TableStreamArn')) as { Value: unknown }[];
    // Assert
    expect(outputs).toHaveLength(1);
    expect(outputs[0]!.Value).toEqual({ 'Fn::GetAtt': [tableLogicalId, 'StreamArn'] });
  });

  it('is retained when removed from the stack or replaced', () => {
    // Assert
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
  });

  it('outputs the table name', () => {
    // Act
    const outputs = template.findOutputs('TableName');
    // Assert
    expect(Object.keys(outputs)).toHaveLength(1);
  });

  describe('documents bucket', () => {
    const documentsBucket = () =>
      resourcesOfType(template, 'AWS::S3::Bucket').find(([, bucket]) => JSON.stringify(bucket.Properties?.BucketName ?? '').includes('ucc-interop-documents'));

    it('is private, encrypted, versioned, retained, access-logged, named per account and region', () => {
      // Act
      const [, bucket] = documentsBucket()!;
      // Assert
      expect(bucket.Properties).toMatchObject({
        BucketName: { 'Fn::Sub': 'ucc-interop-documents-${AWS::AccountId}-${AWS::Region}' },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        VersioningConfiguration: { Status: 'Enabled' },
        LoggingConfiguration: { LogFilePrefix: 'documents/' },
      });
      expect(bucket.DeletionPolicy).toBe('Retain');
    });

    it('expires old versions, unfinished uploads and drafts (documents no committed record names)', () => {
      // Act
      const rules = (documentsBucket()![1].Properties?.LifecycleConfiguration as { Rules: Record<string, unknown>[] }).Rules;
      // Assert
      expect(rules).toEqual([
        expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 }, Status: 'Enabled' }),
        expect.objectContaining({ NoncurrentVersionExpiration: { NoncurrentDays: 90 }, Status: 'Enabled' }),
        expect.objectContaining({ TagFilters: [{ Key: 'state', Value: 'draft' }], ExpirationInDays: 7, Status: 'Enabled' }),
      ]);
    });

    it('refuses every request that is not TLS', () => {
      // Act
      const [logicalId] = documentsBucket()!;
      const policy = resourcesOfType(template, 'AWS::S3::BucketPolicy').find(([, candidate]) => JSON.stringify(candidate.Properties?.Bucket).includes(logicalId));
      // Assert
      expect(JSON.stringify(policy?.[1].Properties?.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
    });
  });
});
