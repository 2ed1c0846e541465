import { randomUUID } from 'node:crypto';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startDynamoDbLocal } from '#infra/local/dynamodb-local.ts';

const JAVA_MESSAGE = /Amazon DynamoDB Local needs a Java runtime 17 or newer.*apt-get install openjdk-17-jre-headless.*dynalite/s;

function clientFor(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
}

const tableName = (label: string) => `ddbl-${label}-${randomUUID()}`;

async function createTable(client: DynamoDBClient, name: string, extra: Partial<CreateTableCommandInput> = {}) {
  return client.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, ...(extra.AttributeDefinitions ?? [])],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      ...(extra.GlobalSecondaryIndexes ? { GlobalSecondaryIndexes: extra.GlobalSecondaryIndexes } : {}),
      ...(extra.StreamSpecification ? { StreamSpecification: extra.StreamSpecification } : {}),
    }),
  );
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('startDynamoDbLocal', () => {
  let client: DynamoDBClient;

  beforeAll(() => {
    client = clientFor(inject('dynamoDbLocalEndpoint'));
  });
  afterAll(() => client?.destroy());

  it('provides one global endpoint that answers ListTables', async () => {
    const endpoint = inject('dynamoDbLocalEndpoint');
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const answer = await client.send(new ListTablesCommand({}));
    expect(answer.TableNames).toEqual(expect.any(Array));
  });

  describe('behaves like AWS where dynalite does not', () => {
    it('rejects an empty string in a GSI key attribute', async () => {
      const name = tableName('gsi');
      await createTable(client, name, {
        AttributeDefinitions: [{ AttributeName: 'gsi1pk', AttributeType: 'S' }],
        GlobalSecondaryIndexes: [
          { IndexName: 'gsi1', KeySchema: [{ AttributeName: 'gsi1pk', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } },
        ],
      });
      await expect(
        client.send(new PutItemCommand({ TableName: name, Item: { pk: { S: 'a' }, gsi1pk: { S: '' } } })),
      ).rejects.toMatchObject({ name: 'ValidationException' });
      // A non-empty value, or leaving the attribute out (a sparse index), is fine.
      await client.send(new PutItemCommand({ TableName: name, Item: { pk: { S: 'b' }, gsi1pk: { S: 'x' } } }));
      await client.send(new PutItemCommand({ TableName: name, Item: { pk: { S: 'c' } } }));
    });

    it('runs TransactWriteItems atomically and reports cancellation reasons', async () => {
      const name = tableName('tx');
      await createTable(client, name);
      await client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: name, Item: { pk: { S: 'one' }, n: { N: '1' } }, ConditionExpression: 'attribute_not_exists(pk)' } },
            { Put: { TableName: name, Item: { pk: { S: 'two' }, n: { N: '2' } } } },
          ],
        }),
      );
      const two = await client.send(new GetItemCommand({ TableName: name, Key: { pk: { S: 'two' } }, ConsistentRead: true }));
      expect(two.Item).toEqual({ pk: { S: 'two' }, n: { N: '2' } });

      const failed = await client
        .send(
          new TransactWriteItemsCommand({
            TransactItems: [
              { Put: { TableName: name, Item: { pk: { S: 'three' } } } },
              { Put: { TableName: name, Item: { pk: { S: 'one' } }, ConditionExpression: 'attribute_not_exists(pk)' } },
            ],
          }),
        )
        .catch((error: unknown) => error);
      expect(failed).toBeInstanceOf(TransactionCanceledException);
      expect((failed as TransactionCanceledException).CancellationReasons?.map((reason) => reason.Code)).toEqual([
        'None',
        'ConditionalCheckFailed',
      ]);
      const three = await client.send(new GetItemCommand({ TableName: name, Key: { pk: { S: 'three' } }, ConsistentRead: true }));
      expect(three.Item).toBeUndefined();
    });

    it('returns the old item on a failed condition with ReturnValuesOnConditionCheckFailure ALL_OLD', async () => {
      const name = tableName('cond');
      await createTable(client, name);
      await client.send(new PutItemCommand({ TableName: name, Item: { pk: { S: 'k' }, version: { N: '1' } } }));
      const error = await client
        .send(
          new PutItemCommand({
            TableName: name,
            Item: { pk: { S: 'k' }, version: { N: '2' } },
            ConditionExpression: 'attribute_not_exists(pk)',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        )
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ConditionalCheckFailedException);
      expect((error as ConditionalCheckFailedException).Item).toEqual({ pk: { S: 'k' }, version: { N: '1' } });
    });

    it('gives a LatestStreamArn to a table created with a stream', async () => {
      const name = tableName('stream');
      const created = await createTable(client, name, { StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' } });
      expect(created.TableDescription?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_IMAGE' });
      expect(created.TableDescription?.LatestStreamArn).toMatch(/^arn:aws:dynamodb:.*:table\/.+\/stream\/.+/);
    });
  });

  describe('without a usable Java runtime', () => {
    let scratch: string;

    beforeAll(async () => {
      scratch = await mkdtemp(join(tmpdir(), 'dynamodb-local-java-'));
    });
    afterAll(async () => {
      await rm(scratch, { recursive: true, force: true });
    });

    it('rejects with the install hint when java is not on PATH', async () => {
      const emptyDir = join(scratch, 'empty-bin');
      await mkdir(emptyDir);
      await expect(startDynamoDbLocal({ port: 0, env: { PATH: emptyDir } })).rejects.toThrow(JAVA_MESSAGE);
    });

    it('rejects with the install hint when the given java does not exist', async () => {
      await expect(startDynamoDbLocal({ javaPath: join(scratch, 'no-such-java') })).rejects.toThrow(JAVA_MESSAGE);
    });

    it('rejects with the install hint when `java -version` fails or reports a Java older than 17', async () => {
      const failing = join(scratch, 'failing-java');
      await writeFile(failing, '#!/bin/sh\necho "broken runtime" >&2\nexit 3\n');
      await chmod(failing, 0o755);
      await expect(startDynamoDbLocal({ javaPath: failing })).rejects.toThrow(JAVA_MESSAGE);

      const old = join(scratch, 'old-java');
      await writeFile(old, '#!/bin/sh\necho \'openjdk version "11.0.22" 2024-01-16\' >&2\nexit 0\n');
      await chmod(old, 0o755);
      await expect(startDynamoDbLocal({ javaPath: old })).rejects.toThrow(/Java 11/);
    });
  });

  it('persists to dataDir across restarts and stop() ends the JVM', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'dynamodb-local-data-'));
    const name = tableName('persist');
    try {
      const first = await startDynamoDbLocal({ dataDir });
      const firstClient = clientFor(first.endpoint);
      try {
        await createTable(firstClient, name);
        await firstClient.send(new PutItemCommand({ TableName: name, Item: { pk: { S: 'kept' } } }));
      } finally {
        firstClient.destroy();
        await first.stop();
      }
      expect(isProcessAlive(first.pid)).toBe(false);
      await first.stop(); // idempotent

      const second = await startDynamoDbLocal({ dataDir });
      const secondClient = clientFor(second.endpoint);
      try {
        const kept = await secondClient.send(new GetItemCommand({ TableName: name, Key: { pk: { S: 'kept' } } }));
        expect(kept.Item).toEqual({ pk: { S: 'kept' } });
      } finally {
        secondClient.destroy();
        await second.stop();
      }
      expect(isProcessAlive(second.pid)).toBe(false);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
