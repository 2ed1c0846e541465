import { etagOf } from '#http/middleware/conditional.ts';
import { httpRoute } from '#http/middleware/http-route.ts';
import { getTraining } from '#domain/authority/manage-authority-cases.ts';
import { authorityPorts } from '#adapters/composition.ts';
import { trainingIdParams } from './authority-case-params.ts';

/** GET /v1/qa-trainings/{id} (§19). */
export const handler = httpRoute({ route: 'get-qa-training', params: trainingIdParams }, async ({ params }) => {
  const training = await getTraining(params.id, authorityPorts);
  return { status: 200, body: training, headers: { etag: etagOf(training.version) } };
});
