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
  {
    method: 'GET',
    path: '/v1/calendars/KZ/{year}',
    name: 'get-calendar-year',
    entry: 'functions/http/get-calendar-year.ts',
    access: ALL_ROLES,
    description: 'Days off and transfers of one year, with legal sources',
  },
  {
    method: 'PUT',
    path: '/v1/calendars/KZ/{year}',
    name: 'put-calendar-year',
    entry: 'functions/http/put-calendar-year.ts',
    access: ADMIN,
    description: 'Replace one calendar year (validated, audited; returns the changed dates)',
  },
  {
    method: 'GET',
    path: '/v1/calendars/KZ/{year}/audit',
    name: 'get-calendar-year-audit',
    entry: 'functions/http/get-calendar-year-audit.ts',
    access: ADMIN,
    description: 'Who changed a calendar year, when, and what',
  },
  {
    method: 'GET',
    path: '/v1/calendar/deadline',
    name: 'get-deadline',
    entry: 'functions/http/get-deadline.ts',
    access: ALL_ROLES,
    description: 'Deadline calculator: N working or calendar days from an instant, with derivation',
  },
  {
    method: 'GET',
    path: '/v1/calendar/working-days',
    name: 'get-working-days',
    entry: 'functions/http/get-working-days.ts',
    access: ALL_ROLES,
    description: 'Working days between two dates, inclusive',
  },
  {
    method: 'GET',
    path: '/v1/rulebooks',
    name: 'get-rulebooks',
    entry: 'functions/http/get-rulebooks.ts',
    access: ALL_ROLES,
    description: 'The rulebook in force and its history',
  },
];

export const routeKey = (route: Pick<RouteDefinition, 'method' | 'path'>): string => `${route.method} ${route.path}`;

export { ADMIN, ALL_ROLES };
