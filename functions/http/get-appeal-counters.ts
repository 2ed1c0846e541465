import * as z from 'zod';
import { httpRoute } from '#http/middleware/http-route.ts';
import { QUARTER_PATTERN } from '#domain/appeals/appeal-counts.ts';
import { readAppealCounters } from '#domain/appeals/manage-appeals.ts';
import { appealPorts } from '#adapters/composition.ts';

const query = z.object({ quarter: z.string().regex(QUARTER_PATTERN, 'must be a quarter, e.g. 2026-Q3') });

/** GET /v1/appeal-counters?quarter=2026-Q3 (§13–§14): the quarter's appeals by service, channel, topic, region, outcome and body. */
export const handler = httpRoute({ route: 'get-appeal-counters', query }, async ({ query: { quarter } }) => ({
  status: 200,
  body: await readAppealCounters(quarter, appealPorts),
}));
