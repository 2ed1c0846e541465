import * as z from 'zod';
import { httpRoute } from '#http/middleware/http-route.ts';
import { COMPLAINT_STATUSES } from '#domain/complaints/complaint.ts';
import { listComplaints } from '#domain/complaints/manage-complaints.ts';
import { complaintPorts } from '#adapters/composition.ts';
import { complaintView, monthSchema } from './complaint-view.ts';
import { pageQuery } from './params.ts';
import { bodyIdSchema } from '#domain/values.ts';

const query = pageQuery.extend({
  bodyId: bodyIdSchema.optional(),
  status: z.enum(COMPLAINT_STATUSES).optional(),
  /** The month of registration (Asia/Almaty). */
  month: monthSchema.optional(),
});

/** GET /v1/complaints?bodyId=&month=&status=: newest first; a body sees the complaints about itself. */
export const handler = httpRoute({ route: 'list-complaints', query }, async ({ query: q, principal }) => {
  const page = await listComplaints(q, principal, complaintPorts);
  const now = complaintPorts.clock.now();
  return { status: 200, body: { ...page, items: page.items.map((complaint) => complaintView(complaint, principal, now)) } };
});
