import * as z from 'zod';
import { acceptanceStepHandler } from './acceptance-step.ts';

/** POST /v1/acceptances/{id}/registration (UCC): the information becomes knowledge-base entry v1 (§5). */
export const handler = acceptanceStepHandler('registration', z.strictObject({}).default({}));
