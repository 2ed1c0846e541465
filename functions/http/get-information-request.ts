import { etagOf } from '#http/middleware/conditional.ts';
import { httpRoute } from '#http/middleware/http-route.ts';
import { getRequest } from '#domain/requests/manage-information-requests.ts';
import { requestPorts } from '#adapters/composition.ts';
import { informationRequestIdParams, informationRequestView } from './information-request-view.ts';

/** GET /v1/information-requests/{id}: the question, its deadline, the answer or refusal. */
export const handler = httpRoute({ route: 'get-information-request', params: informationRequestIdParams }, async ({ params, principal }) => {
  const request = await getRequest(params.id, principal, requestPorts);
  return { status: 200, body: informationRequestView(request), headers: { etag: etagOf(request.version) } };
});
