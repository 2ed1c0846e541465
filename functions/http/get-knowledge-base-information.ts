import { httpRoute } from '#http/middleware/http-route.ts';
import { currentInformation } from '#domain/information/manage-information-updates.ts';
import { updatePorts } from '#adapters/composition.ts';
import { knowledgeBaseParams } from './information-update-params.ts';

/** GET /v1/knowledge-base/{bodyId}/{serviceCode}/information: the registered version the UCC consults on, and the updates pending (§6). */
export const handler = httpRoute(
  { route: 'get-knowledge-base-information', params: knowledgeBaseParams },
  async ({ params }) => ({ status: 200, body: await currentInformation(params.bodyId, params.serviceCode, updatePorts) }),
);
