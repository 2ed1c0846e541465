import type { HttpEvent, HttpResult } from '#http/middleware/http-route.ts';
// Not from http.ts: its middleware stack brings the DynamoDB client (idempotency), which this route never needs.
import { problemResponse, problems } from '#http/middleware/problem.ts';
import { RouteMatcher } from './route-matcher.ts';
import { pathsOf } from './routes.ts';

const KNOWN_PATHS = new RouteMatcher(pathsOf().map((entry) => ({ ...entry, method: 'ANY' })));

/**
 * The API's `$default` route (deployed and local alike): every request no route of the route
 * table takes. A known path asked with another method gets 405 with `Allow` (RFC 9110
 * §15.5.6), after the same 401 as the path's own routes; anything else gets 404.
 */
export const handler = async (event: HttpEvent): Promise<HttpResult> => {
  const requestId = event.requestContext.requestId;
  const method = event.requestContext.http.method;
  const known = KNOWN_PATHS.match(method, event.rawPath);
  if (known === undefined) return problemResponse(problems.notFound(`No route ${method} ${event.rawPath}`), requestId, event.rawPath);
  if (!known.route.isPublic && event.requestContext.authorizer?.lambda?.clientId === undefined) {
    return problemResponse(problems.unauthorized(), requestId, event.rawPath);
  }
  return problemResponse(problems.methodNotAllowed(method, event.rawPath, known.route.methods), requestId, event.rawPath);
};
