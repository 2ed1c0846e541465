import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { httpRoute } from '#commons/http.ts';
import { serviceCodeSchema } from '#domain/acceptance/acceptance.ts';
import { NotFoundError } from '#domain/errors.ts';
import { dynamo, tableName } from '#adapters/dynamo.ts';
import { withoutStorageFields } from '#adapters/versioned-item.ts';

const params = z.object({ bodyId: z.string().regex(/^\d{12}$/, 'must be a body id (its 12-digit BIN)'), serviceCode: serviceCodeSchema });

/** GET /v1/knowledge-base/{bodyId}/{serviceCode}: the UCC's entry for a service (§5), every version, newest first. */
export const handler = httpRoute({ route: 'GET /v1/knowledge-base/{bodyId}/{serviceCode}', params }, async ({ params: { bodyId, serviceCode } }) => {
  const page = await dynamo().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `KB#${bodyId}#${serviceCode}` },
      ScanIndexForward: false,
    }),
  );
  const versions = (page.Items ?? []).map((item) => withoutStorageFields(item));
  if (versions.length === 0) throw new NotFoundError(`No knowledge-base entry for service ${serviceCode} of body ${bodyId}`);
  return { status: 200, body: { bodyId, serviceCode, current: versions[0], versions } };
});
