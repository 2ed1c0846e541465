import { problemResponse, type HttpEvent, type HttpResult } from '#commons/http.ts';
import { problems } from '#commons/problem.ts';
import { pathsOf } from './routes.ts';

const ALLOWED = new Map(pathsOf().map((entry) => [entry.path, entry]));

/**
 * `ANY <path>` for every path of the route table: a method the path does not answer gets 405
 * with `Allow` (RFC 9110 §15.5.6), after the same 401 as the path's own routes.
 */
export const handler = async (event: HttpEvent): Promise<HttpResult> => {
  const requestId = event.requestContext.requestId;
  const path = event.routeKey.replace(/^ANY /, '');
  const entry = ALLOWED.get(path);
  const method = event.requestContext.http.method;
  if (entry === undefined) return problemResponse(problems.notFound(`No route ${method} ${event.rawPath}`), requestId, event.rawPath);
  if (!entry.isPublic && event.requestContext.authorizer?.lambda?.clientId === undefined) {
    return problemResponse(problems.unauthorized(), requestId, event.rawPath);
  }
  return problemResponse(problems.methodNotAllowed(method, event.rawPath, entry.methods), requestId, event.rawPath);
};
