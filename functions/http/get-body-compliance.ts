import * as z from 'zod';
import { httpRoute } from '#http/middleware/http-route.ts';
import { complianceRecord } from '#domain/directory/compliance-record.ts';
import { compliancePorts } from '#adapters/composition.ts';
import { bodyIdParams } from './params.ts';

export const periodQuery = z.object({
  from: z.iso.date({ message: 'must be a date YYYY-MM-DD' }).optional(),
  to: z.iso.date({ message: 'must be a date YYYY-MM-DD' }).optional(),
});

/** GET /v1/bodies/{id}/compliance?from=&to=: the body's compliance record (§21) for the period (Almaty days, both included). */
export const handler = httpRoute({ route: 'get-body-compliance', params: bodyIdParams, query: periodQuery }, async ({ params, query, principal }) => {
  return { status: 200, body: await complianceRecord(params.id, query, principal, compliancePorts) };
});
