import { ConditionalCheckFailedException, DynamoDBClient, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getConfig } from '#commons/config.ts';

let documentClient: DynamoDBDocumentClient | undefined;

/** One DocumentClient per process (reused across invocations), endpoint from config. */
export function dynamo(): DynamoDBDocumentClient {
  if (documentClient === undefined) {
    const config = getConfig();
    const client = new DynamoDBClient({
      region: config.AWS_REGION,
      ...(config.DYNAMODB_ENDPOINT === undefined
        ? {}
        : { endpoint: config.DYNAMODB_ENDPOINT, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
    });
    documentClient = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    });
  }
  return documentClient;
}

export const tableName = (): string => getConfig().TABLE_NAME;

/** A conditional write was refused (the item is not in the state the condition required). */
export const isConditionFailure = (error: unknown): boolean =>
  error instanceof ConditionalCheckFailedException || (error as Error | undefined)?.name === 'ConditionalCheckFailedException';

/**
 * The item a refused conditional write found (with ReturnValuesOnConditionCheckFailure:
 * ALL_OLD), unmarshalled; undefined where the store does not return it (dynalite) or none existed.
 */
export const conditionFailureItem = (error: unknown): Record<string, unknown> | undefined => {
  const item = (error as { Item?: Record<string, AttributeValue> } | undefined)?.Item;
  return item === undefined ? undefined : unmarshall(item);
};
