import { protocolStepSchema } from '#domain/acceptance/acceptance.ts';
import { acceptanceStepHandler } from './acceptance-step.ts';

/** POST /v1/acceptances/{id}/protocol (§8, §9): signed by both parties; consulting starts 5 working days later. */
export const handler = acceptanceStepHandler('protocol', protocolStepSchema);
