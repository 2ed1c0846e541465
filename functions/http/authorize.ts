import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerWithContextResult } from 'aws-lambda';
import { logger } from '#commons/logger.ts';
import type { AuthorizerContext } from '#http/middleware/http-route.ts';
import { authorizerPorts } from '#adapters/authorizer-composition.ts';

/**
 * HTTP API Lambda REQUEST authorizer (payload 2.0, simple responses), cached by the
 * Authorization header. It identifies the caller and always lets the request through:
 * HTTP APIs cannot shape an authorizer's denial, so the route's middleware answers 401/403 as
 * problem+json from this context (empty context = not authenticated). The local stack runs
 * this same function before every non-public route.
 */
const BEARER = /^Bearer\s+([A-Za-z0-9._~+/=-]{16,256})$/i;

export const handler = async (
  event: APIGatewayRequestAuthorizerEventV2,
): Promise<APIGatewaySimpleAuthorizerWithContextResult<AuthorizerContext>> => {
  const header = event.headers?.authorization ?? event.identitySource?.[0];
  const key = header === undefined ? undefined : BEARER.exec(header)?.[1];
  const principal = key === undefined ? undefined : await authorizerPorts.findPrincipalByKey(key, authorizerPorts.clock.now());
  if (principal === undefined) {
    logger.info('unauthenticated request', { routeKey: event.routeKey, keyPresent: key !== undefined });
    return { isAuthorized: true, context: {} };
  }
  return {
    isAuthorized: true,
    context: { clientId: principal.clientId, role: principal.role, ...(principal.bodyId ? { bodyId: principal.bodyId } : {}) },
  };
};
