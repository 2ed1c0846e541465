import * as z from 'zod';
import { httpRoute } from '#http/middleware/http-route.ts';
import { complaintViolationsOf } from '#domain/complaints/manage-complaints.ts';
import { complaintPorts } from '#adapters/composition.ts';
import { monthSchema } from './complaint-view.ts';

const query = z.object({ month: monthSchema.optional() });

/**
 * GET /v1/complaint-violations?month=YYYY-MM (§18): the violations of the legal review periods
 * whose period ran out in the month (this month by default), by kind of body, by body, and each.
 */
export const handler = httpRoute({ route: 'get-complaint-violations', query }, async ({ query: q }) => {
  return { status: 200, body: await complaintViolationsOf(q.month, complaintPorts) };
});
