import { httpRoute } from '#http/middleware/http-route.ts';
import { lookUpApplication } from '#domain/stages/manage-service-stages.ts';
import { stagePorts } from '#adapters/composition.ts';
import { applicationParams } from './service-stage-params.ts';

/** GET /v1/bodies/{id}/applications/{applicationNumber} (§15): the current stage and the history, in one read. */
export const handler = httpRoute(
  { route: 'get-service-application', params: applicationParams },
  async ({ params: { id, applicationNumber }, principal }) => ({ status: 200, body: await lookUpApplication(id, applicationNumber, principal, stagePorts) }),
);
