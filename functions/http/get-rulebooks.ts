import { httpRoute } from '#http/middleware/http-route.ts';
import { listRulebooks } from '#domain/rulebook/list-rulebooks.ts';
import { rulebookPorts } from '#adapters/composition.ts';

/** GET /v1/rulebooks: the rulebook in force today (Asia/Almaty) and every version, oldest first. */
export const handler = httpRoute({ route: 'get-rulebooks' }, async () => ({ status: 200, body: listRulebooks(rulebookPorts) }));
