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
  /**
   * The path parameter that names a body: a body-bound client (body, provider) calling with
   * another body's id gets the same 404 as for a missing body.
   */
  readonly bodyScope?: string;
  readonly description: string;
}

const ADMIN: readonly Role[] = ['ucc_admin'];
const UCC: readonly Role[] = ['ucc_admin', 'ucc_operator'];
const BODY_BOUND: readonly Role[] = ['body', 'provider'];

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
  {
    method: 'POST',
    path: '/v1/bodies',
    name: 'post-body',
    entry: 'functions/http/post-body.ts',
    access: ADMIN,
    description: 'Register a participant (§2)',
  },
  {
    method: 'GET',
    path: '/v1/bodies',
    name: 'list-bodies',
    entry: 'functions/http/list-bodies.ts',
    access: ALL_ROLES,
    description: 'The directory of participants, by kind; a body-bound client sees its own body',
  },
  {
    method: 'GET',
    path: '/v1/bodies/{id}',
    name: 'get-body',
    entry: 'functions/http/get-body.ts',
    access: ALL_ROLES,
    bodyScope: 'id',
    description: 'One participant',
  },
  {
    method: 'PATCH',
    path: '/v1/bodies/{id}',
    name: 'patch-body',
    entry: 'functions/http/patch-body.ts',
    access: [...ADMIN, ...BODY_BOUND],
    bodyScope: 'id',
    description: 'Change a participant (JSON Merge Patch, If-Match)',
  },
  {
    method: 'GET',
    path: '/v1/bodies/{id}/audit',
    name: 'get-body-audit',
    entry: 'functions/http/get-body-audit.ts',
    access: ADMIN,
    bodyScope: 'id',
    description: 'Every change of a participant record',
  },
  {
    method: 'POST',
    path: '/v1/bodies/{id}/responsible-persons',
    name: 'post-responsible-person',
    entry: 'functions/http/post-responsible-person.ts',
    access: [...UCC, ...BODY_BOUND],
    bodyScope: 'id',
    description: 'Appoint (§5) or replace (§7) a responsible person',
  },
  {
    method: 'GET',
    path: '/v1/bodies/{id}/responsible-persons',
    name: 'get-responsible-persons',
    entry: 'functions/http/get-responsible-persons.ts',
    access: [...UCC, ...BODY_BOUND, 'quality_authority'],
    bodyScope: 'id',
    description: 'Current responsible persons and their history',
  },
  {
    method: 'GET',
    path: '/v1/bodies/{id}/compliance',
    name: 'get-body-compliance',
    entry: 'functions/http/get-body-compliance.ts',
    access: [...UCC, ...BODY_BOUND, 'quality_authority'],
    bodyScope: 'id',
    description: 'The compliance record of a body (§21)',
  },
  {
    method: 'POST',
    path: '/v1/clients',
    name: 'post-client',
    entry: 'functions/http/post-client.ts',
    access: ADMIN,
    description: 'Create an API client; its key is shown once',
  },
  {
    method: 'GET',
    path: '/v1/clients',
    name: 'list-clients',
    entry: 'functions/http/list-clients.ts',
    access: ADMIN,
    description: 'API clients',
  },
  {
    method: 'GET',
    path: '/v1/clients/{id}',
    name: 'get-client',
    entry: 'functions/http/get-client.ts',
    access: ADMIN,
    description: 'One API client (key fingerprints only)',
  },
  {
    method: 'DELETE',
    path: '/v1/clients/{id}',
    name: 'delete-client',
    entry: 'functions/http/delete-client.ts',
    access: ADMIN,
    description: 'Revoke an API client',
  },
  {
    method: 'POST',
    path: '/v1/clients/{id}/keys',
    name: 'post-client-key',
    entry: 'functions/http/post-client-key.ts',
    access: ADMIN,
    description: 'Rotate an API client key',
  },
  {
    method: 'GET',
    path: '/v1/clients/{id}/audit',
    name: 'get-client-audit',
    entry: 'functions/http/get-client-audit.ts',
    access: ADMIN,
    description: 'Creation, rotations and revocation of a client',
  },
];

export const routeKey = (route: Pick<RouteDefinition, 'method' | 'path'>): string => `${route.method} ${route.path}`;

export { ADMIN, ALL_ROLES };
