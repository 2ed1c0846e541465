import { returnStepSchema } from '#domain/acceptance/acceptance.ts';
import { acceptanceStepHandler } from './acceptance-step.ts';

/** POST /v1/acceptances/{id}/return (UCC): back to the body with reasons and a new deadline. */
export const handler = acceptanceStepHandler('return', returnStepSchema);
