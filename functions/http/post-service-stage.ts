import { httpRoute } from '#http/middleware/http-route.ts';
import { stageEventSchema } from '#domain/stages/service-stage.ts';
import { recordStageEvent } from '#domain/stages/manage-service-stages.ts';
import { stagePorts } from '#adapters/composition.ts';
import { bodyIdParams } from './params.ts';

/** POST /v1/bodies/{id}/service-stages (§16): one stage event; 201 when recorded, 200 with the stored event when a duplicate. */
export const handler = httpRoute(
  { route: 'post-service-stage', params: bodyIdParams, body: stageEventSchema },
  async ({ params: { id }, body, principal }) => {
    const result = await recordStageEvent(id, body, principal, stagePorts);
    return {
      status: result.outcome === 'accepted' ? 201 : 200,
      body: result,
      headers: { location: `/v1/bodies/${id}/applications/${result.event.applicationNumber}` },
    };
  },
);
