import * as z from 'zod';
import { etagOf } from '#http/middleware/conditional.ts';
import { httpRoute } from '#http/middleware/http-route.ts';
import { localizedSchema, serviceCodeSchema } from '#domain/acceptance/acceptance.ts';
import { openAcceptanceRequest } from '#domain/acceptance/manage-acceptances.ts';
import { acceptancePorts } from '#adapters/composition.ts';
import { acceptanceView } from './acceptance-view.ts';
import { bodyIdSchema } from '#domain/values.ts';

const body = z.strictObject({
  bodyId: bodyIdSchema,
  serviceCode: serviceCodeSchema,
  serviceName: localizedSchema,
});

/** POST /v1/acceptances (UCC operator, §4): opens an acceptance and e-mails the request to the body. */
export const handler = httpRoute({ route: 'post-acceptance', body }, async ({ body: input, principal, idempotencyKey }) => {
  const { acceptance, created } = await openAcceptanceRequest(input, principal, acceptancePorts, idempotencyKey);
  return {
    status: created ? 201 : 200,
    body: acceptanceView(acceptance),
    headers: { location: `/v1/acceptances/${acceptance.id}`, etag: etagOf(acceptance.version) },
  };
});
