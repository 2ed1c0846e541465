import type * as z from 'zod';
import { etagOf, ifMatchVersion } from '#http/middleware/conditional.ts';
import { httpRoute } from '#http/middleware/http-route.ts';
import { respondToRequest, type Response } from '#domain/requests/manage-information-requests.ts';
import { requestDocumentPorts } from '#adapters/documents-composition.ts';
import { informationRequestIdParams, informationRequestView } from './information-request-view.ts';
import { MAX_REQUEST_BODY_BYTES } from './params.ts';

/** POST /v1/information-requests/{id}/answer and …/refusal (§11): one handler, each with its schema. */
export function informationResponseHandler(action: Response['action'], body: z.ZodType) {
  return httpRoute(
    { route: `post-information-request-${action}`, params: informationRequestIdParams, body, maxBodyBytes: MAX_REQUEST_BODY_BYTES },
    async ({ params, body: input, principal, headers, idempotencyKey }) => {
      const request = await respondToRequest(
        {
          id: params.id,
          response: { action, input } as Response,
          ifMatch: ifMatchVersion(headers),
          idempotencyKey,
        },
        principal,
        requestDocumentPorts,
      );
      return { status: 200, body: informationRequestView(request), headers: { etag: etagOf(request.version) } };
    },
  );
}
