import middy, { type MiddlewareObj } from '@middy/core';
import httpSecurityHeaders from '@middy/http-security-headers';
import type {
  APIGatewayProxyEventV2WithLambdaAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type * as z from 'zod';
import { getConfig } from '#commons/config.ts';
import { logger } from '#commons/logger.ts';
import { HttpProblem, PROBLEM_CONTENT_TYPE, problemResponse, problems } from './problem.ts';
import { ROLES, principalOf as principalFrom, type Principal, type Role } from '#domain/access/roles.ts';
import { fieldErrors } from '#domain/field-errors.ts';
import { fingerprintOf, idempotencyKeyOf, idempotencyMiddleware, replayResult, type IdempotencyContext, type StoredResponse } from './idempotency.ts';
import { httpPorts } from '#adapters/http-composition.ts';
import {
  ConcurrentUpdateError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  StaleVersionError,
  StateConflictError,
  UnprocessableError,
} from '#domain/errors.ts';
import { canAccessBody } from '#domain/access/body-access.ts';
import { bodyNotFoundMessage } from '#domain/directory/body.ts';
import { CalendarYearMissingError } from '#domain/calendar/working-calendar.ts';
import { NoRulebookInForceError } from '#domain/rulebook/rulebook.ts';
import { ROUTES, routeKey, type RouteDefinition, type RouteName, type RouteNamed } from '#http/routes.ts';
import { canonicalJson } from '#domain/canonical-json.ts';
import { definedMembers } from '#domain/defined-members.ts';
import { isTransientDependencyError, RETRY_AFTER_SECONDS } from '#commons/transient.ts';

/**
 * The one middleware stack every route uses (middy's HTTP recipe): request id and log keys,
 * security headers, access check against the route table's permissions, JSON body parsing with a
 * size limit, zod validation of path, query and body, and the problem+json error handler last.
 */
export type AuthorizerContext = { clientId?: string; role?: string; bodyId?: string };
export type HttpEvent = APIGatewayProxyEventV2WithLambdaAuthorizer<AuthorizerContext>;
export type HttpResult = APIGatewayProxyStructuredResultV2;

export interface HttpRequest<Body, Query, Params, Caller extends Principal | undefined = Principal | undefined> {
  body: Body;
  query: Query;
  params: Params;
  /** Always there on a route that needs a key (the access check answered 401 else); maybe not on a public one. */
  principal: Caller;
  headers: Readonly<Record<string, string | undefined>>;
  requestId: string;
  route: RouteDefinition;
  /** The Idempotency-Key of a POST, when the caller sent one (use-cases derive ids from it). */
  idempotencyKey: string | undefined;
}

export interface HttpResponse {
  status: number;
  body?: unknown;
  /** A file instead of JSON: base64 bytes, their type and (for downloads) a file name. */
  binary?: { base64: string; contentType: string; fileName?: string };
  /** Text that is not JSON (a script, a page), sent as it is: no base64 (a third larger in Lambda's 6 MB response). */
  text?: { body: string; contentType: string };
  headers?: Record<string, string>;
}

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/** A route of the table by its name, or (in tests) a definition of its own. */
type RouteRef = RouteName | RouteDefinition;
type DefinitionOf<R extends RouteRef> = R extends RouteName ? RouteNamed<R> : R extends RouteDefinition ? R : never;
/** The principal a handler sees: a route open to the public may be called without a key. */
type CallerOf<R extends RouteRef> = 'public' extends DefinitionOf<R>['access'] ? Principal | undefined : Principal;

interface RouteSpec<R extends RouteRef, B extends Schema | undefined, Q extends Schema | undefined, P extends Schema | undefined> {
  /**
   * The route's name in the route table (routes.ts), e.g. `get-health`: its method, path and
   * access come from there alone (or a definition, in tests).
   */
  route: R;
  body?: B;
  query?: Q;
  params?: P;
  maxBodyBytes?: number | undefined;
  /**
   * Overrides of the security headers (middy's helmet defaults: a CSP of `default-src 'none'`
   * on HTML). Only a route serving a page (GET /docs) needs its own.
   */
  securityHeaders?: SecurityHeadersOptions;
}

type SecurityHeadersOptions = NonNullable<Parameters<typeof httpSecurityHeaders>[0]>;

/**
 * The schemas a route validates its input with, as the handler carries them: the OpenAPI
 * document is generated from these very objects (functions/http/openapi.ts), one copy.
 */
export interface RouteSchemas {
  readonly body?: z.ZodType;
  readonly query?: z.ZodType;
  readonly params?: z.ZodType;
}

interface Parsed {
  idempotency?: IdempotencyContext;
  /** The stored response of an earlier request with the same Idempotency-Key. */
  replay?: StoredResponse;
  requestId: string;
  principal: Principal | undefined;
  body: unknown;
  query: unknown;
  params: unknown;
}

type Event = HttpEvent & { ucc?: Parsed };

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;
const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

const parsedOf = (event: Event): Parsed => {
  event.ucc ??= { requestId: '', principal: undefined, body: undefined, query: {}, params: {} };
  return event.ucc;
};

/** Adds a header and lower-cases every name (middy's helpers write mixed case). */
const withHeader = (response: HttpResult, name: string, value: string): HttpResult => {
  const headers: Record<string, string | number | boolean> = {};
  for (const [key, headerValue] of Object.entries(response.headers ?? {})) {
    if (headerValue !== undefined) headers[key.toLowerCase()] = headerValue;
  }
  headers[name] = value;
  return { ...response, headers };
};

/** x-request-id: the caller's if well-formed, else the Lambda request id; echoed on every response. */
const requestContext = (route: RouteDefinition): MiddlewareObj<Event, HttpResult> => {
  const echo = (request: { event: Event; response: HttpResult | null }) => {
    const requestId = parsedOf(request.event).requestId;
    if (request.response) request.response = withHeader(request.response, 'x-request-id', requestId);
    logger.removeKeys(['requestId', 'route']);
  };
  return {
    name: 'requestContext',
    before: (request) => {
      const supplied = request.event.headers?.['x-request-id'];
      const requestId =
        supplied !== undefined && REQUEST_ID_PATTERN.test(supplied) ? supplied : request.context.awsRequestId;
      parsedOf(request.event).requestId = requestId;
      logger.appendKeys({ requestId, route: routeKey(route) });
    },
    after: echo,
    onError: echo,
  };
};

const principalOf = (event: Event): Principal | undefined => {
  const context = event.requestContext?.authorizer?.lambda;
  if (!context?.clientId || !context.role || !(ROLES as readonly string[]).includes(context.role)) return undefined;
  return principalFrom(context.clientId, context.role as Role, context.bodyId);
};

/**
 * The route a handler serves is the one the event names (API Gateway and the local server set
 * `routeKey`): an invocation for another route is a wiring fault, answered 500 without details.
 */
const servedRoute = (route: RouteDefinition): MiddlewareObj<Event, HttpResult> => ({
  name: 'servedRoute',
  before: (request) => {
    if (request.event.routeKey !== routeKey(route)) {
      logger.error('handler invoked for a route it does not serve', { routeKey: request.event.routeKey, serves: route.name });
      throw new Error('Route not served by this handler');
    }
  },
});

/** The permission table lives in the route table; it is enforced here for every route. */
const access = (route: RouteDefinition): MiddlewareObj<Event, HttpResult> => ({
  name: 'access',
  before: (request) => {
    const principal = principalOf(request.event);
    parsedOf(request.event).principal = principal;
    if (route.access === 'public') return;
    if (principal === undefined) throw problems.unauthorized();
    if (!route.access.includes(principal.role)) {
      logger.warn('access denied', { clientId: principal.clientId, role: principal.role });
      throw problems.forbidden();
    }
    const bodyId = route.bodyScope === undefined ? undefined : request.event.pathParameters?.[route.bodyScope];
    if (bodyId !== undefined && !canAccessBody(principal, bodyId)) {
      logger.warn('cross-body access denied', { clientId: principal.clientId, role: principal.role });
      throw problems.notFound(bodyNotFoundMessage(bodyId));
    }
  },
});

const isJsonContentType = (value: string | undefined): boolean => {
  if (value === undefined) return false;
  const mediaType = value.split(';')[0]?.trim().toLowerCase() ?? '';
  return mediaType === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(mediaType);
};

const jsonBody = (limit: () => number): MiddlewareObj<Event, HttpResult> => ({
  name: 'jsonBody',
  before: (request) => {
    const { event } = request;
    const limitBytes = limit();
    if (!METHODS_WITH_BODY.has(event.requestContext.http.method)) return;
    const raw = event.body ?? '';
    const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
    if (text.length === 0) {
      parsedOf(event).body = undefined;
      return;
    }
    if (!isJsonContentType(event.headers['content-type'])) throw problems.unsupportedMediaType(event.headers['content-type']);
    if (Buffer.byteLength(text, 'utf8') > limitBytes) throw problems.payloadTooLarge(limitBytes);
    try {
      parsedOf(event).body = JSON.parse(text);
    } catch (error) {
      throw problems.malformedJson((error as Error).message);
    }
  },
});

const validation = (spec: RouteSpec<RouteRef, Schema | undefined, Schema | undefined, Schema | undefined>): MiddlewareObj<Event, HttpResult> => ({
  name: 'validation',
  before: (request) => {
    const parsed = parsedOf(request.event);
    const errors = [];
    const check = (schema: Schema | undefined, value: unknown, prefix: string): unknown => {
      if (schema === undefined) return value;
      const result = schema.safeParse(value);
      if (result.success) return result.data;
      errors.push(...fieldErrors(prefix, result.error));
      return undefined;
    };
    parsed.params = check(spec.params, request.event.pathParameters ?? {}, 'path');
    parsed.query = check(spec.query, request.event.queryStringParameters ?? {}, 'query');
    if (spec.body !== undefined && parsed.body === undefined && !spec.body.safeParse(undefined).success) {
      errors.push({ field: 'body', message: 'a JSON body is required' });
    } else {
      parsed.body = check(spec.body, parsed.body, 'body');
    }
    if (errors.length > 0) throw problems.validation(errors);
  },
});

export { problemResponse };

/** Domain errors → their problem; undefined for anything unexpected. */
export function problemOf(error: unknown): HttpProblem | undefined {
  if (error instanceof HttpProblem) return error;
  if (error instanceof InvalidInputError) return problems.validation(error.issues);
  if (error instanceof NotFoundError) return problems.notFound(error.message);
  if (error instanceof ForbiddenError) return problems.forbidden(error.message);
  if (error instanceof StateConflictError) return problems.conflict(error.message, error.details);
  if (error instanceof ConcurrentUpdateError) return problems.conflict(`${error.message}; read it again and retry`);
  if (error instanceof StaleVersionError) {
    return problems.preconditionFailed(error.message, { currentVersion: error.currentVersion });
  }
  if (error instanceof UnprocessableError) return problems.unprocessable(error.message, undefined, error.details);
  if (error instanceof CalendarYearMissingError) {
    return problems.unprocessable(error.message, undefined, { year: error.year });
  }
  if (error instanceof NoRulebookInForceError) return problems.unprocessable(error.message, undefined, { date: error.date });
  // Throttling or a fault of the store (after the SDK's own retries): the command wrote nothing
  // or everything (one conditional write), so the caller retries — with its Idempotency-Key.
  if (isTransientDependencyError(error)) {
    return problems.unavailable('A dependency is busy or unavailable; retry after the time in Retry-After', RETRY_AFTER_SECONDS);
  }
  return undefined;
}

/** Last in the chain: every error becomes problem+json; anything unexpected is a bare 500. */
const problemErrorHandler = (): MiddlewareObj<Event, HttpResult> => ({
  name: 'problemErrorHandler',
  onError: (request) => {
    const requestId = parsedOf(request.event).requestId || request.context.awsRequestId;
    const error = request.error;
    // A write with If-Match that lost the race to a concurrent one: its precondition failed (412).
    const lostIfMatch = error instanceof ConcurrentUpdateError && request.event.headers?.['if-match'] !== undefined;
    let problem = lostIfMatch
      ? problems.preconditionFailed('The resource changed after the version named in If-Match; read it again and retry')
      : problemOf(error);
    if (problem !== undefined) {
      if (problem.status >= 500) logger.error('request failed', { status: problem.status, type: problem.type, cause: (error as Error | undefined)?.name });
    } else {
      // Log the error's class and stack for operators; the client gets only the request id.
      logger.error('unhandled error', { error: error as Error });
      problem = problems.internal();
    }
    request.response = problemResponse(problem, requestId, request.event.rawPath);
  },
});

/** A retry that re-serialised the same JSON (other spacing, other member order) is the same request. */
function canonicalBody(text: string | undefined): string | undefined {
  if (text === undefined || text === '') return text;
  try {
    return canonicalJson(JSON.parse(text));
  } catch {
    return text;
  }
}

/** POSTs with an Idempotency-Key get one effect per key and client (middleware/idempotency.ts; the store from the composition root adapters/http-composition.ts). */
function idempotencyContextOf(event: Event, route: RouteDefinition): IdempotencyContext | undefined {
  if (route.method !== 'POST') return undefined;
  const key = idempotencyKeyOf(event.headers);
  const clientId = parsedOf(event).principal?.clientId;
  if (key === undefined || clientId === undefined) return undefined;
  const body = event.isBase64Encoded && event.body ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  const fingerprint = fingerprintOf(route.method, event.rawPath, canonicalBody(body));
  const secrets = route.secretMembers === undefined ? {} : { secretMembers: route.secretMembers };
  // A use-case idempotent per key needs no claim first; its records are per concrete path.
  if (route.idempotentByKey === true) {
    return { key, clientId, routeKey: `${route.method} ${event.rawPath}`, fingerprint, mode: 'record-after', ...secrets };
  }
  return { key, clientId, routeKey: routeKey(route), fingerprint, ...secrets };
}

const toWellFormed = (value: string): string => (value as string & { toWellFormed(): string }).toWellFormed();

export function toHttpResult(response: HttpResponse): HttpResult {
  const headers: Record<string, string> = { 'cache-control': 'no-store', ...response.headers };
  if (response.binary !== undefined) {
    return {
      statusCode: response.status,
      headers: {
        'content-type': response.binary.contentType,
        ...(response.binary.fileName === undefined
          ? {}
          : { 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(toWellFormed(response.binary.fileName))}` }),
        ...headers,
      },
      body: response.binary.base64,
      isBase64Encoded: true,
    };
  }
  if (response.text !== undefined) {
    return { statusCode: response.status, headers: { 'content-type': response.text.contentType, ...headers }, body: response.text.body };
  }
  if (response.body === undefined) return { statusCode: response.status, headers };
  return {
    statusCode: response.status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(response.body),
  };
}

export function findRoute(name: RouteName): RouteDefinition {
  const route = ROUTES.find((candidate) => candidate.name === name);
  if (route === undefined) throw new Error(`Route ${name} is not in the route table`);
  return route;
}

/**
 * A Lambda handler for one route of the route table. The use-case gets the parsed, validated
 * input; whatever it throws becomes problem+json.
 */
export function httpRoute<
  R extends RouteRef,
  B extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  P extends Schema | undefined = undefined,
>(spec: RouteSpec<R, B, Q, P>, handle: (request: HttpRequest<Out<B>, Out<Q>, Out<P>, CallerOf<R>>) => Promise<HttpResponse>) {
  const route: RouteDefinition = typeof spec.route === 'string' ? findRoute(spec.route) : spec.route;
  const base = async (event: Event, _context: Context): Promise<HttpResult> => {
    const parsed = parsedOf(event);
    if (parsed.replay !== undefined) return replayResult(parsed.replay);
    const response = await handle({
      body: parsed.body as Out<B>,
      query: parsed.query as Out<Q>,
      params: parsed.params as Out<P>,
      // The access middleware let no request without a principal through unless the route is public.
      principal: parsed.principal as CallerOf<R>,
      headers: event.headers,
      requestId: parsed.requestId,
      route,
      idempotencyKey: parsed.idempotency?.key,
    });
    return toHttpResult(response);
  };
  const handler = middy<Event, HttpResult>()
    .use(requestContext(route))
    .use(httpSecurityHeaders({ reportTo: false, ...spec.securityHeaders }))
    .use(servedRoute(route))
    .use(access(route))
    .use(jsonBody(() => spec.maxBodyBytes ?? getConfig().MAX_BODY_BYTES))
    .use(validation(spec))
    .use(idempotencyMiddleware(httpPorts.idempotency, ({ event }) => idempotencyContextOf(event as Event, route)))
    .use(problemErrorHandler())
    .handler(base);
  const routeSchemas: RouteSchemas = definedMembers({ body: spec.body, query: spec.query, params: spec.params });
  return Object.assign(handler, { routeSchemas });
}
