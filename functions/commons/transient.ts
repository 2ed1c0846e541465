/**
 * Errors of a dependency (DynamoDB, S3, SES, Scheduler) that a later retry may not meet:
 * throttling, the service's own faults, a connection that failed. A request that meets one
 * answers 503 with Retry-After (issue 17 §6) — never 500 — and, being one conditional write,
 * has written nothing or everything.
 */
const TRANSIENT_NAMES = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'SlowDown',
  'InternalServerError',
  'InternalFailure',
  'InternalError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'TransactionInProgressException',
  'TransactionConflictException',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
]);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);

/** Seconds a client is asked to wait before retrying after a 503 (the SDK has already retried with backoff). */
export const RETRY_AFTER_SECONDS = 2;

export function isTransientDependencyError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as { name?: unknown; code?: unknown; $fault?: unknown; $retryable?: unknown; $metadata?: { httpStatusCode?: unknown } };
  if (typeof candidate.name === 'string' && TRANSIENT_NAMES.has(candidate.name)) return true;
  if (typeof candidate.code === 'string' && NETWORK_CODES.has(candidate.code)) return true;
  if (candidate.$metadata !== undefined && (candidate.$fault === 'server' || candidate.$retryable !== undefined)) return true;
  const status = candidate.$metadata?.httpStatusCode;
  return typeof status === 'number' && (status === 429 || status >= 500);
}
