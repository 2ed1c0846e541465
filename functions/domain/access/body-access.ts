import { isBodyBoundRole, type BodyBoundPrincipal, type Principal } from '#domain/access/roles.ts';

/** body and provider clients are bound to one body; everyone else sees the directory. */
export const isBodyBound = (principal: Principal): principal is BodyBoundPrincipal => isBodyBoundRole(principal.role);

/** May this principal see records of `bodyId`? A body-bound client only its own body's. */
export const canAccessBody = (principal: Principal, bodyId: string): boolean =>
  !isBodyBound(principal) || principal.bodyId === bodyId;
