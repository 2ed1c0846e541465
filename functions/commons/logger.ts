import { Logger } from '@aws-lambda-powertools/logger';

/**
 * Structured JSON logs. Never log request bodies, e-mail addresses, names or phone numbers:
 * personal data stays out of logs (docs/design.md "Security"). Log ids, routes, statuses, counts.
 */
export const logger = new Logger({ serviceName: 'ucc-interop' });
