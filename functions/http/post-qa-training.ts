import { etagOf } from '#http/middleware/conditional.ts';
import { httpRoute } from '#http/middleware/http-route.ts';
import { trainingRequestSchema } from '#domain/authority/authority-cases.ts';
import { requestTraining } from '#domain/authority/manage-authority-cases.ts';
import { authorityPorts } from '#adapters/composition.ts';

/** POST /v1/qa-trainings (the quality authority's written request, §19). */
export const handler = httpRoute({ route: 'post-qa-training', body: trainingRequestSchema }, async ({ body, principal, idempotencyKey }) => {
  const training = await requestTraining(body, principal, authorityPorts, idempotencyKey);
  return { status: 201, body: training, headers: { location: `/v1/qa-trainings/${training.id}`, etag: etagOf(training.version) } };
});
