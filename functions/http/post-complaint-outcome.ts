import { etagOf, ifMatchVersion } from '#http/middleware/conditional.ts';
import { httpRoute } from '#http/middleware/http-route.ts';
import { complaintOutcomeSchema } from '#domain/complaints/complaint.ts';
import { recordComplaintOutcome } from '#domain/complaints/manage-complaints.ts';
import { complaintDocumentPorts } from '#adapters/documents-composition.ts';
import { complaintIdParams, complaintView } from './complaint-view.ts';
import { MAX_REQUEST_BODY_BYTES } from './params.ts';

/**
 * POST /v1/complaints/{id}/outcome: the reviewer's outcome (the provider's own client, or the
 * quality authority, by whom it is addressed to; the UCC's admin); the review period closes met
 * or missed, and missed is a violation of the legal period (Law "On public services", Art. 25).
 */
export const handler = httpRoute(
  { route: 'post-complaint-outcome', params: complaintIdParams, body: complaintOutcomeSchema, maxBodyBytes: MAX_REQUEST_BODY_BYTES },
  async ({ params, body, principal, headers, idempotencyKey }) => {
    const complaint = await recordComplaintOutcome(
      { id: params.id, input: body, ifMatch: ifMatchVersion(headers), idempotencyKey },
      principal,
      complaintDocumentPorts,
    );
    return { status: 200, body: complaintView(complaint, principal, complaintDocumentPorts.clock.now()), headers: { etag: etagOf(complaint.version) } };
  },
);
