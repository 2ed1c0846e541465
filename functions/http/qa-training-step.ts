import type * as z from 'zod';
import { etagOf } from '#http/middleware/conditional.ts';
import { httpRoute } from '#http/middleware/http-route.ts';
import type { trainingHeldSchema } from '#domain/authority/authority-cases.ts';
import { advanceTraining } from '#domain/authority/manage-authority-cases.ts';
import { authorityPorts } from '#adapters/composition.ts';
import { trainingIdParams } from './authority-case-params.ts';

/** POST /v1/qa-trainings/{id}/schedule and …/held (the UCC, §19): one handler, each with its schema. */
export function trainingStepHandler(action: 'schedule' | 'held', body: z.ZodType) {
  return httpRoute({ route: `post-qa-training-${action}`, params: trainingIdParams, body }, async ({ params, body: input, principal }) => {
    const step =
      action === 'schedule'
        ? { action, scheduledOn: (input as { scheduledOn: string }).scheduledOn }
        : { action, input: input as z.output<typeof trainingHeldSchema> };
    const training = await advanceTraining(params.id, step, principal, authorityPorts);
    return { status: 200, body: training, headers: { etag: etagOf(training.version) } };
  });
}
