import { ALL_ROLES, type Role } from '#commons/roles.ts';

/**
 * The one route table. The CDK stateless stack builds the HttpApi routes and one function per
 * entry from it; the local HTTP server routes requests to the very same handler modules.
 * `access` is the permission table (route × role): 'public' needs no key.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteDefinition {
  readonly method: HttpMethod;
  /** API Gateway path template, e.g. /v1/calendars/KZ/{year} */
  readonly path: string;
  /** Unique, kebab-case: the Lambda function's logical name. */
  readonly name: string;
  /** Handler module relative to the repository root; it exports `handler`. */
  readonly entry: string;
  readonly access: 'public' | readonly Role[];
  readonly description: string;
}

const ADMIN: readonly Role[] = ['ucc_admin'];

export const ROUTES: readonly RouteDefinition[] = [
  {
    method: 'GET',
    path: '/v1/health',
    name: 'get-health',
    entry: 'functions/http/get-health.ts',
    access: 'public',
    description: 'Liveness and table reachability',
  },
];

export const routeKey = (route: Pick<RouteDefinition, 'method' | 'path'>): string => `${route.method} ${route.path}`;

export { ADMIN, ALL_ROLES };
