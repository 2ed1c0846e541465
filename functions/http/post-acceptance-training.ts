import { trainingStepSchema } from '#domain/acceptance/acceptance.ts';
import { acceptanceStepHandler } from './acceptance-step.ts';

/** POST /v1/acceptances/{id}/training (§8): training of UCC staff held. */
export const handler = acceptanceStepHandler('training', trainingStepSchema);
