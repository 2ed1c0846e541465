/** API client roles (DESIGN.md "Security"). body and provider clients are bound to one body. */
export const ROLES = [
  'ucc_admin',
  'ucc_operator',
  'body',
  'provider',
  'quality_authority',
  'informatization_authority',
] as const;

export type Role = (typeof ROLES)[number];

export const BODY_BOUND_ROLES: readonly Role[] = ['body', 'provider'];

/** What the authorizer hands every handler (API Gateway authorizer context, lambda.context). */
export interface Principal {
  clientId: string;
  role: Role;
  bodyId?: string;
}

export const ALL_ROLES: readonly Role[] = ROLES;
