import * as z from 'zod';
import { updateDecisionHandler } from './information-update-decision.ts';

/** POST /v1/information-updates/{id}/registration (the UCC registers the update as the next knowledge-base version, §6). */
export const handler = updateDecisionHandler('registration', z.strictObject({}).default({}));
