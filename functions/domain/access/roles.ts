/** API client roles (docs/design.md "Security"). body and provider clients are bound to one body. */
export const ROLES = [
  'ucc_admin',
  'ucc_operator',
  'body',
  'provider',
  'quality_authority',
  'informatization_authority',
] as const;

export type Role = (typeof ROLES)[number];

export const BODY_BOUND_ROLES = ['body', 'provider'] as const satisfies readonly Role[];
export type BodyBoundRole = (typeof BODY_BOUND_ROLES)[number];

/** A body or provider client: bound to one body, so it always carries that body's id (a client of these roles is created only with one, manage-clients.ts). */
export interface BodyBoundPrincipal {
  clientId: string;
  role: BodyBoundRole;
  bodyId: string;
}

/** Any other client: the UCC and the authorities see every body. */
export interface UnboundPrincipal {
  clientId: string;
  role: Exclude<Role, BodyBoundRole>;
  bodyId?: undefined;
}

/** What the authorizer hands every handler (API Gateway authorizer context, lambda.context). */
export type Principal = BodyBoundPrincipal | UnboundPrincipal;

export const isBodyBoundRole = (role: Role): role is BodyBoundRole => (BODY_BOUND_ROLES as readonly Role[]).includes(role);

/** The principal of a client record or authorizer context; none for a body-bound role without its body (no such client is created). */
export function principalOf(clientId: string, role: Role, bodyId: string | undefined): Principal | undefined {
  if (isBodyBoundRole(role)) return bodyId ? { clientId, role, bodyId } : undefined;
  return { clientId, role };
}

export const ALL_ROLES: readonly Role[] = ROLES;
