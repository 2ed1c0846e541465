import { getConfig } from '#commons/config.ts';
import { httpRoute } from '#http/middleware/http-route.ts';
import { logger } from '#commons/logger.ts';
import { problems } from '#http/middleware/problem.ts';
import { healthPorts } from '#adapters/composition.ts';

/** GET /v1/health — no key needed; 200 only when the table answers a read. */
export const handler = httpRoute({ route: 'get-health' }, async () => {
  try {
    await healthPorts.probeTable();
  } catch (error) {
    logger.error('table unreachable', { error: error as Error });
    throw problems.unavailable('The data store is not reachable');
  }
  return { status: 200, body: { status: 'ok', version: getConfig().APP_VERSION } };
});
