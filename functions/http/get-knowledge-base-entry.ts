import { httpRoute } from '#http/middleware/http-route.ts';
import { NotFoundError } from '#domain/errors.ts';
import { updatePorts } from '#adapters/composition.ts';
import { knowledgeBaseParams } from './information-update-params.ts';

/** GET /v1/knowledge-base/{bodyId}/{serviceCode}: the UCC's entry for a service (§5), every version, newest first. */
export const handler = httpRoute({ route: 'get-knowledge-base-entry', params: knowledgeBaseParams }, async ({ params: { bodyId, serviceCode } }) => {
  const versions = await updatePorts.knowledgeBase.versions(bodyId, serviceCode);
  if (versions.length === 0) throw new NotFoundError(`No knowledge-base entry for service ${serviceCode} of body ${bodyId}`);
  return { status: 200, body: { bodyId, serviceCode, current: versions[0], versions } };
});
