import { returnUpdateSchema } from '#domain/information/information-update.ts';
import { updateDecisionHandler } from './information-update-decision.ts';

/** POST /v1/information-updates/{id}/return (the UCC sends the update back with reasons, §6). */
export const handler = updateDecisionHandler('return', returnUpdateSchema);
