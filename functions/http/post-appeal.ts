import { httpRoute } from '#http/middleware/http-route.ts';
import { appealSchema } from '#domain/appeals/appeal.ts';
import { recordAppeal } from '#domain/appeals/manage-appeals.ts';
import { appealPorts } from '#adapters/composition.ts';

/** POST /v1/appeals (§13): one appeal; 201 when recorded, 200 with the stored appeal when its id is a duplicate. */
export const handler = httpRoute({ route: 'post-appeal', body: appealSchema }, async ({ body, principal }) => {
  const result = await recordAppeal(body, principal, appealPorts);
  return { status: result.outcome === 'accepted' ? 201 : 200, body: result, headers: { location: `/v1/appeals/${result.appeal.id}` } };
});
