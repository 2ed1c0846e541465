import { etagOf } from '#http/middleware/conditional.ts';
import { httpRoute } from '#http/middleware/http-route.ts';
import { getComplaint } from '#domain/complaints/manage-complaints.ts';
import { complaintPorts } from '#adapters/composition.ts';
import { complaintIdParams, complaintView } from './complaint-view.ts';

/** GET /v1/complaints/{id} (§17): the complaint, its review period with due date, derivation and citation, its outcome. */
export const handler = httpRoute({ route: 'get-complaint', params: complaintIdParams }, async ({ params, principal }) => {
  const complaint = await getComplaint(params.id, principal, complaintPorts);
  return { status: 200, body: complaintView(complaint, principal, complaintPorts.clock.now()), headers: { etag: etagOf(complaint.version) } };
});
