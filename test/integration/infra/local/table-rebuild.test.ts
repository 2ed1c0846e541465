import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTableInput } from '#infra/table-definition.ts';
import { ensureTable, type LocalStack } from '#infra/local/local-stack.ts';
import { scanAll } from '#infra/local/repair-indexes.ts';
import { apiClient, createTestKey, startTestStack, testTableName } from '../../../support/local-stack.ts';
import { newBody, testBin } from '../../../support/fixtures.ts';

const INDEX_ADDED = 'gsi3';

/**
 * The table as an older version of the project left it: without the index added since, and its
 * acceptances and plans without the attributes of the listings added since.
 */
async function makeOlder(client: DynamoDBClient, tableName: string): Promise<number> {
  const items = await scanAll(client, tableName);
  await client.send(new DeleteTableCommand({ TableName: tableName }));
  const input = createTableInput(tableName);
  await client.send(
    new CreateTableCommand({
      ...input,
      GlobalSecondaryIndexes: input.GlobalSecondaryIndexes.filter((index) => index.IndexName !== INDEX_ADDED),
      AttributeDefinitions: input.AttributeDefinitions.filter((attribute) => !attribute.AttributeName.startsWith('gsi3')),
    }),
  );
  let stripped = 0;
  for (const item of items) {
    const entity = item.entity?.S;
    if (entity === 'Acceptance') {
      for (const name of ['gsi3pk', 'gsi3sk', 'duePk', 'dueSk']) delete item[name];
      stripped += 1;
    }
    if (entity === 'Plan') {
      for (const name of ['gsi2pk', 'gsi2sk']) delete item[name];
      stripped += 1;
    }
  }
  for (let i = 0; i < items.length; i += 25) {
    await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
  }
  return stripped;
}

describe('ensureTable on a table from before an index was added', () => {
  const tableName = testTableName();
  const bodyId = testBin(870);
  let client: DynamoDBClient;
  let stack: LocalStack;
  let admin: ReturnType<typeof apiClient>;
  let operator: ReturnType<typeof apiClient>;
  let acceptanceId: string;
  let planId: string;

  beforeAll(async () => {
    client = new DynamoDBClient({ endpoint: inject('dynamoDbLocalEndpoint'), region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    // Without the effects feeder: the table is replaced under the running stack.
    stack = await startTestStack({ tableName, effects: false });
    admin = apiClient(stack.url, stack.adminKey);
    operator = apiClient(stack.url, await createTestKey('ucc_operator'));
    // Arrange: one acceptance (due 9 September 2026) and one plan, then the table made older.
    await admin('POST', '/local/clock', { body: { now: '2026-09-07T10:00:00+05:00' } });
    await admin('POST', '/v1/bodies', { body: newBody(bodyId) });
    acceptanceId = (await operator('POST', '/v1/acceptances', { body: { bodyId, serviceCode: 'R1', serviceName: { kk: 'Қызмет', ru: 'Услуга' } } })).body.id;
    const authority = apiClient(stack.url, await createTestKey('informatization_authority'));
    planId = (
      await authority('POST', '/v1/plans', {
        body: { title: 'План', items: [{ serviceCode: 'R2', serviceName: { kk: 'Қызмет', ru: 'Услуга' }, bodyId, plannedOn: '2026-10-01' }] },
      })
    ).body.id;
    expect(await makeOlder(client, tableName)).toBe(2);
  });
  afterAll(async () => {
    await admin?.('POST', '/local/clock', { body: { now: null } });
    await stack?.stop();
    client?.destroy();
  });

  it('adds the index, keeps every item, and lists the old items through the new listings', async () => {
    // Arrange
    const itemsBefore = (await client.send(new ScanCommand({ TableName: tableName, Select: 'COUNT' }))).Count;
    // Act
    await ensureTable(inject('dynamoDbLocalEndpoint'), tableName, true);
    // Assert
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName)).toContain(INDEX_ADDED);
    expect((await client.send(new ScanCommand({ TableName: tableName, Select: 'COUNT' }))).Count).toBe(itemsBefore);
    await admin('POST', '/local/clock', { body: { now: '2026-09-11T10:00:00+05:00' } });
    const overdue = await operator('GET', `/v1/acceptances?bodyId=${bodyId}&overdue=true`, { settle: false });
    const everyOverdue = await operator('GET', '/v1/acceptances?overdue=true', { settle: false });
    const plans = await operator('GET', '/v1/plans', { settle: false });
    expect(overdue.body.items.map((item: { id: string }) => item.id)).toEqual([acceptanceId]);
    expect(everyOverdue.body.items.map((item: { id: string }) => item.id)).toEqual([acceptanceId]);
    expect(plans.body.items.map((item: { id: string }) => item.id)).toEqual([planId]);
    expect((await operator('GET', `/v1/acceptances/${acceptanceId}`, { settle: false })).status).toBe(200);
  });
});
