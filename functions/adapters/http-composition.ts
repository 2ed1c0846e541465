import type { IdempotencyStore } from '#http/middleware/idempotency.ts';
import { dynamoIdempotencyStore } from './idempotency-store.ts';

/**
 * The ports of the middleware every route runs (http/middleware/http-route.ts), apart from
 * composition.ts: a route that reaches no use-case's store (GET /docs, GET /v1/openapi.json) or
 * takes its ports from another root (the reports) carries only the idempotency records (its
 * bundle ~42 KiB smaller than with composition.ts's adapters).
 */
export const httpPorts: { readonly idempotency: IdempotencyStore } = { idempotency: dynamoIdempotencyStore };
