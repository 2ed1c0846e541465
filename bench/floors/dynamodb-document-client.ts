import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

/** Bench floor: a DynamoDB DocumentClient and nothing else, bundled like a function: what every function on the table carries at least. */
export const handler = async () => DynamoDBDocumentClient.from(new DynamoDBClient({})).send(new GetCommand({ TableName: 'floor', Key: { pk: 'floor' } }));
