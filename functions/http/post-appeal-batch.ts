import * as z from 'zod';
import { httpRoute } from '#http/middleware/http-route.ts';
import { MAX_BATCH_APPEALS } from '#domain/appeals/appeal-intake.ts';
import { recordAppealBatch } from '#domain/appeals/manage-appeals.ts';
import { appealPorts } from '#adapters/composition.ts';

/** Each item is checked by the use-case on its own (answered `items[i].<field>`), so the route only bounds the list. */
const batchSchema = z.strictObject({ items: z.array(z.unknown()).min(1).max(MAX_BATCH_APPEALS) });

/** 500 appeals of a few hundred bytes each, with the appellants' contacts. */
const MAX_BATCH_BYTES = 1024 * 1024;

/** POST /v1/appeals/batch (§13): up to 500 appeals, each accepted, a duplicate or rejected on its own. */
export const handler = httpRoute({ route: 'post-appeal-batch', body: batchSchema, maxBodyBytes: MAX_BATCH_BYTES }, async ({ body, principal }) => ({
  status: 200,
  body: await recordAppealBatch(body.items, principal, appealPorts),
}));
