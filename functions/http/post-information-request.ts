import { etagOf } from '#http/middleware/conditional.ts';
import { httpRoute } from '#http/middleware/http-route.ts';
import { openInformationRequestSchema } from '#domain/requests/information-request.ts';
import { openRequest } from '#domain/requests/manage-information-requests.ts';
import { requestDocumentPorts } from '#adapters/documents-composition.ts';
import { informationRequestView } from './information-request-view.ts';
import { MAX_REQUEST_BODY_BYTES } from './params.ts';

/** POST /v1/information-requests (UCC, §10): asks a body for information; its answer is due in working days. */
export const handler = httpRoute(
  { route: 'post-information-request', body: openInformationRequestSchema, maxBodyBytes: MAX_REQUEST_BODY_BYTES },
  async ({ body, principal, idempotencyKey }) => {
    const request = await openRequest(body, principal, requestDocumentPorts, idempotencyKey);
    return {
      status: 201,
      body: informationRequestView(request),
      headers: { location: `/v1/information-requests/${request.id}`, etag: etagOf(request.version) },
    };
  },
);
