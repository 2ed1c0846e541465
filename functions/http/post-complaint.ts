import { etagOf } from '#http/middleware/conditional.ts';
import { httpRoute } from '#http/middleware/http-route.ts';
import { registerComplaintSchema } from '#domain/complaints/complaint.ts';
import { registerPortalComplaint } from '#domain/complaints/manage-complaints.ts';
import { complaintDocumentPorts } from '#adapters/documents-composition.ts';
import { complaintView } from './complaint-view.ts';
import { MAX_REQUEST_BODY_BYTES } from './params.ts';

/** POST /v1/complaints (UCC, §17): a complaint from the portal's forum; 201 when new, 200 with the one registered under its portal number. */
export const handler = httpRoute(
  { route: 'post-complaint', body: registerComplaintSchema, maxBodyBytes: MAX_REQUEST_BODY_BYTES },
  async ({ body, principal }) => {
    const { complaint, created } = await registerPortalComplaint(body, principal, complaintDocumentPorts);
    return {
      status: created ? 201 : 200,
      body: complaintView(complaint, principal, complaintDocumentPorts.clock.now()),
      headers: { location: `/v1/complaints/${complaint.id}`, etag: etagOf(complaint.version) },
    };
  },
);
