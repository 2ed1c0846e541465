import { createHash } from 'node:crypto';
import type { MiddlewareObj } from '@middy/core';
import { HttpProblem, problems } from './problem.ts';
import { logger } from '#commons/logger.ts';
import { definedMembers } from '#domain/defined-members.ts';

/**
 * Idempotency-Key on POST (IETF draft "The Idempotency-Key HTTP Header Field"): the first request
 * with a key claims it, and its response is stored; a replay with the same key and the same
 * request gets the stored response (`idempotent-replayed: true`), a reuse with another request
 * gets 422, and one racing an unfinished first request gets 409. Keys are scoped to the API
 * client. Records expire after 24 hours (the store's own rule: adapters/idempotency-store.ts).
 */
/** What an Idempotency-Key may be (the OpenAPI document states the same pattern). */
export const KEY_PATTERN = /^[A-Za-z0-9._:-]{1,255}$/;

export interface IdempotencyContext {
  key: string;
  clientId: string;
  /** The route key; for `record-after` routes the concrete path (`POST /v1/acceptances/acc-…/training`). */
  routeKey: string;
  fingerprint: string;
  /**
   * `claim`: the key is claimed before the use-case runs, so a replay never runs it again.
   * `record-after`: the use-case is itself idempotent per key (ids derive from the key, steps
   * remember the keys they applied), so the key is only bound to the request's fingerprint
   * before it (`reserve`, no lease: a retry after a crash runs at once) and answered after it.
   */
  mode?: 'claim' | 'record-after';
  /** Response members never stored (secrets shown once): a replay answers without them. */
  secretMembers?: readonly string[];
}

export interface StoredResponse {
  statusCode: number;
  headers: Record<string, string>;
  /** Undefined for a response without one (the store writes no member then: removeUndefinedValues). */
  body?: string | undefined;
}

export function idempotencyKeyOf(headers: Readonly<Record<string, string | undefined>>): string | undefined {
  const key = headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (!KEY_PATTERN.test(key)) {
    throw problems.validation([
      { field: 'header.idempotency-key', message: 'must be 1-255 characters of letters, digits and . _ : -' },
    ]);
  }
  return key;
}

export const fingerprintOf = (method: string, path: string, body: string | undefined): string =>
  createHash('sha256').update(`${method}\n${path}\n${body ?? ''}`).digest('base64url');

const keyReused = () =>
  problems.unprocessable('This Idempotency-Key was already used with a different request', [
    { field: 'header.idempotency-key', message: 'reused with a different request' },
  ]);

/** A key's record as the store found it: whose request it was, and its answer once there is one. */
export interface FoundIdempotencyRecord {
  fingerprint?: string;
  status?: string;
  response?: StoredResponse | undefined;
}

/**
 * Port: where keys and their answers are kept (adapters/idempotency-store.ts). Each operation is
 * one conditional write; a refused one returns the live record it found.
 */
export interface IdempotencyStore {
  /**
   * `record-after`, before the use-case: binds the key to this request's fingerprint (one
   * conditional write), unless it is bound to another request or already answered, when it
   * returns that live record instead. A use-case idempotent per key recognises its own retry,
   * but not the key reused with another body (an id that derives from the body's members
   * differs): binding first means two such requests racing cannot both run — the second is
   * refused before it changes anything (issue 17 §1). A retry of the same request after a crash
   * passes at once (no lease to wait out): the use-case finds what its first attempt committed.
   */
  reserve(context: IdempotencyContext): Promise<FoundIdempotencyRecord | undefined>;
  /** Claims the key for a first request: undefined when claimed, else the live record found. */
  claim(context: IdempotencyContext): Promise<FoundIdempotencyRecord | undefined>;
  /** `record-after`: keeps the answer over this request's reservation, unless the key has another live record, which it returns instead. */
  record(context: IdempotencyContext, response: StoredResponse): Promise<FoundIdempotencyRecord | undefined>;
  /** The claimed key's answer. */
  complete(context: IdempotencyContext, response: StoredResponse): Promise<void>;
  /** Frees the key, so a retry runs again. */
  release(context: IdempotencyContext): Promise<void>;
}

/** The stored response to replay, or undefined once the key is claimed for this request. */
async function claimIdempotencyKey(store: IdempotencyStore, context: IdempotencyContext): Promise<StoredResponse | undefined> {
  const found = await store.claim(context);
  if (found === undefined) return undefined;
  if (found.fingerprint !== undefined && found.fingerprint !== context.fingerprint) throw keyReused();
  if (found.status === 'completed' && found.response !== undefined) return found.response;
  throw problems.conflict('A request with this Idempotency-Key is still being processed; retry shortly');
}

const conflictingKeyResponse = () => {
  const problem = keyReused();
  return {
    statusCode: problem.status,
    headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store' },
    body: JSON.stringify(problem.toDocument()),
  };
};

/** The stored response as a Lambda result, marked as a replay. */
export const replayResult = (stored: StoredResponse) => ({
  statusCode: stored.statusCode,
  headers: { 'cache-control': 'no-store', ...stored.headers, 'idempotent-replayed': 'true' },
  ...definedMembers({ body: stored.body }),
});

/**
 * Gives a claimed key back after a failure. When the store is failing too, the claim stays until
 * its lease runs out (LEASE_MS): a retry meanwhile answers 409 "still being processed", never a
 * 500 instead of the failure's own answer (issue 17 §6).
 */
async function releaseAfterFailure(store: IdempotencyStore, context: IdempotencyContext): Promise<void> {
  try {
    await store.release(context);
  } catch (error) {
    logger.warn('idempotency key not released; its lease frees it', { cause: (error as Error | undefined)?.name });
  }
}

type Result = { statusCode?: number; headers?: Record<string, unknown>; body?: string };
type Req = {
  event: { ucc?: { idempotency?: IdempotencyContext; replay?: StoredResponse } };
  response: Result | null;
  error: unknown;
};

const REPLAYED_HEADERS = ['content-type', 'etag', 'location'];

/** A secret is shown once: the stored answer says where it went instead of keeping it. */
function withoutSecrets(body: string | undefined, secretMembers: readonly string[] | undefined): string | undefined {
  if (body === undefined || secretMembers === undefined || secretMembers.length === 0) return body;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined; // not JSON: keep nothing rather than a secret
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return body;
  const kept: Record<string, unknown> = { ...(parsed as Record<string, unknown>) };
  const omitted = secretMembers.filter((member) => member in kept);
  if (omitted.length === 0) return body;
  for (const member of omitted) delete kept[member];
  kept.secretsOmitted = {
    members: omitted,
    reason: 'A secret is shown once, in the first answer, and never stored: if it was lost, rotate the key.',
  };
  return JSON.stringify(kept);
}

function storable(response: Result, secretMembers?: readonly string[]): StoredResponse {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    if (REPLAYED_HEADERS.includes(name.toLowerCase()) && value !== undefined) headers[name.toLowerCase()] = String(value);
  }
  const body = withoutSecrets(response.body, secretMembers);
  return { statusCode: response.statusCode ?? 200, headers, body };
}

/**
 * Middleware: after access and validation (so bad requests claim nothing), before the error
 * handler (whose response it stores). 5xx outcomes release the key so a retry runs again.
 */
export function idempotencyMiddleware(store: IdempotencyStore, context: (request: Req) => IdempotencyContext | undefined): MiddlewareObj {
  const finish = async (request: Req) => {
    const claimed = request.event.ucc?.idempotency;
    if (claimed === undefined || request.response === null || request.response === undefined) return;
    if (claimed.mode === 'record-after') {
      if ((request.response.statusCode ?? 200) >= 500) return; // nothing recorded: a retry runs again
      const found = await store.record(claimed, storable(request.response, claimed.secretMembers));
      if (found === undefined) return;
      // The key had its answer already: a replay answers with it; another request is refused
      // (its use-case found the key's own record and changed nothing).
      if (found.fingerprint !== undefined && found.fingerprint !== claimed.fingerprint) {
        request.response = conflictingKeyResponse();
      } else if (found.status === 'completed' && found.response !== undefined) {
        request.response = replayResult(found.response);
      }
      return;
    }
    if ((request.response.statusCode ?? 200) >= 500) await releaseAfterFailure(store, claimed);
    else await store.complete(claimed, storable(request.response, claimed.secretMembers));
  };
  return {
    name: 'idempotency',
    before: async (raw) => {
      const request = raw as unknown as Req;
      const claim = context(request);
      if (claim === undefined) return undefined;
      if (claim.mode === 'record-after') {
        const found = await store.reserve(claim);
        if (found?.fingerprint !== undefined && found.fingerprint !== claim.fingerprint) throw keyReused();
        if (found?.status === 'completed' && found.response !== undefined) {
          request.event.ucc = { ...request.event.ucc, replay: found.response };
          return undefined;
        }
        request.event.ucc = { ...request.event.ucc, idempotency: claim };
        return undefined;
      }
      const stored = await claimIdempotencyKey(store, claim);
      // A replay is answered by the handler stage (see httpRoute), so the after-middlewares
      // still add the request id and security headers (an early return would skip them).
      request.event.ucc = { ...request.event.ucc, ...(stored === undefined ? { idempotency: claim } : { replay: stored }) };
      return undefined;
    },
    after: async (raw) => finish(raw as unknown as Req),
    onError: async (raw) => {
      const request = raw as unknown as Req;
      const claimed = request.event.ucc?.idempotency;
      // A lost race ("read it again and retry") is not an answer to keep: the retry with the
      // same key must run again.
      if (claimed?.mode === 'record-after' && (request.error as Error | undefined)?.name === 'ConcurrentUpdateError') return;
      if (claimed && (request.error as Error | undefined)?.name === 'ConcurrentUpdateError') await releaseAfterFailure(store, claimed);
      // The problem handler (later in the chain, so earlier in onError) has set the response.
      else if (request.response) await finish(request);
      else if (claimed && !(request.error instanceof HttpProblem)) await releaseAfterFailure(store, claimed);
    },
  };
}
