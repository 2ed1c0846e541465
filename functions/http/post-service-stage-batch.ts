import * as z from 'zod';
import { httpRoute } from '#http/middleware/http-route.ts';
import { recordStageBatch } from '#domain/stages/manage-service-stages.ts';
import { MAX_BATCH_EVENTS } from '#domain/stages/stage-events.ts';
import { stagePorts } from '#adapters/composition.ts';
import { bodyIdParams } from './params.ts';

/** Each item is checked by the use-case on its own (answered `items[i].<field>`), so the route only bounds the list. */
const batchSchema = z.strictObject({ items: z.array(z.unknown()).min(1).max(MAX_BATCH_EVENTS) });

/** 500 events of a few hundred bytes, or fewer with long notes and details. */
const MAX_BATCH_BYTES = 2 * 1024 * 1024;

/** POST /v1/bodies/{id}/service-stages/batch (§16): up to 500 events, each accepted, a duplicate or rejected on its own. */
export const handler = httpRoute(
  { route: 'post-service-stage-batch', params: bodyIdParams, body: batchSchema, maxBodyBytes: MAX_BATCH_BYTES },
  async ({ params: { id }, body, principal }) => ({ status: 200, body: await recordStageBatch(id, body.items, principal, stagePorts) }),
);
