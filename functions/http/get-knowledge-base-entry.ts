import { httpRoute } from '#http/middleware/http-route.ts';
import { knowledgeBaseEntry } from '#domain/information/manage-information-updates.ts';
import { updatePorts } from '#adapters/composition.ts';
import { knowledgeBaseParams } from './information-update-params.ts';

/** GET /v1/knowledge-base/{bodyId}/{serviceCode}: the UCC's entry for a service (§5), every version, newest first. */
export const handler = httpRoute({ route: 'get-knowledge-base-entry', params: knowledgeBaseParams }, async ({ params: { bodyId, serviceCode } }) => {
  return { status: 200, body: await knowledgeBaseEntry(bodyId, serviceCode, updatePorts) };
});
