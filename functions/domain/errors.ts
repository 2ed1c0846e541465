/**
 * Errors use-cases throw; the HTTP layer maps each to its problem+json status. The domain
 * never speaks HTTP.
 */
export interface FieldIssue {
  field: string;
  message: string;
}

export class DomainError extends Error {}

/** The input is malformed (→ 400). */
export class InvalidInputError extends DomainError {
  override readonly name = 'InvalidInputError';
  constructor(readonly issues: FieldIssue[]) {
    super(issues.map((issue) => `${issue.field}: ${issue.message}`).join('; '));
  }
}

/** No such record, or one the caller may not see (→ 404, identical either way). */
export class NotFoundError extends DomainError {
  override readonly name = 'NotFoundError';
}

/** The caller may see the record but not do this to it, e.g. record the outcome of a complaint addressed to someone else (→ 403). */
export class ForbiddenError extends DomainError {
  override readonly name = 'ForbiddenError';
}

/** The record is in a state that does not allow this (→ 409). */
export class StateConflictError extends DomainError {
  override readonly name = 'StateConflictError';
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** The caller's If-Match names an older version (→ 412). */
export class StaleVersionError extends DomainError {
  override readonly name = 'StaleVersionError';
  constructor(readonly currentVersion: number) {
    super(`The resource is at version ${currentVersion}; read it again and retry`);
  }
}

/** Well-formed input the rules cannot process (→ 422). */
export class UnprocessableError extends DomainError {
  override readonly name = 'UnprocessableError';
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** Someone else wrote the record between our read and our write (→ 409; retry). */
export class ConcurrentUpdateError extends DomainError {
  override readonly name = 'ConcurrentUpdateError';
}
