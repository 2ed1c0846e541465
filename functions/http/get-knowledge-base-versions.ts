import { httpRoute } from '#http/middleware/http-route.ts';
import { informationVersions } from '#domain/information/manage-information-updates.ts';
import { updatePorts } from '#adapters/composition.ts';
import { knowledgeBaseParams } from './information-update-params.ts';

/** GET /v1/knowledge-base/{bodyId}/{serviceCode}/versions: every version, newest first, each with its field-by-field diff (§6). */
export const handler = httpRoute(
  { route: 'get-knowledge-base-versions', params: knowledgeBaseParams },
  async ({ params }) => ({ status: 200, body: await informationVersions(params.bodyId, params.serviceCode, updatePorts) }),
);
