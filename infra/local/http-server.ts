import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import * as z from 'zod';
import { problemResponse, type AuthorizerContext } from '#http/middleware/http-route.ts';
import { logger } from '#commons/logger.ts';
import { HttpProblem, problems } from '#http/middleware/problem.ts';
import { fieldErrors } from '#domain/field-errors.ts';
import { AUTHORIZER_ENTRY, METHOD_NOT_ALLOWED_ENTRY, ROUTES, routeKey, type RouteDefinition } from '#http/routes.ts';
import { ONE_TIME_TARGETS, SCHEDULES } from '#jobs/schedules.ts';
import { setClock, systemClock } from '#adapters/clock.ts';
import { fromHandlerResult, toApiGatewayEvent, toAuthorizerEvent, type RawRequest, type RawResponse } from './api-gateway-event.ts';
import { loadHandler } from './handlers.ts';
import { lambdaContext } from './lambda-context.ts';
import { RouteMatcher } from '#http/route-matcher.ts';
import { consoleFile } from './console-files.ts';

/**
 * The local API Gateway: each request becomes a payload 2.0 event for the handler the route
 * table names, after the same authorizer function runs. Two local-only control routes (never
 * deployed) set the clock and run a scheduled job now, and one shows the effects still pending;
 * all need the admin key.
 */

/** API Gateway HTTP APIs accept at most 10 MB; the integration times out at 30 s. */
const MAX_REQUEST_BYTES = 10 * 1024 * 1024;
const HANDLER_TIMEOUT_MS = 29_000;

export interface LocalHttpServerOptions {
  runJob: (name: string, input?: Record<string, unknown>) => Promise<unknown>;
  /** GET /local/effects: how the effects function is fed here, and what is still pending. */
  effectsStatus: () => Promise<Record<string, unknown>>;
  /**
   * Before the clock moves or a job runs: the effects of the writes before it are done, so a
   * deadline committed a moment ago is on the list the sweep at the new time reads.
   */
  beforeControl?: () => Promise<void>;
  /** After a write: the effects feeder polls at once (locally only: AWS's stream pushes). */
  afterWrite?: () => void;
  /** After POST /local/clock: keep the setting (in DATA_DIR) for the next start. */
  clockChanged?: (now: Date | null) => Promise<void>;
  /** The built console (console/dist) served at /console/, as CloudFront serves it in AWS; absent: not served. */
  consoleDir?: string;
}

class RequestTooLarge extends Error {}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_REQUEST_BYTES) throw new RequestTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function send(response: ServerResponse, raw: RawResponse): void {
  response.writeHead(raw.statusCode, { ...raw.headers, 'content-length': String(raw.body.length) });
  response.end(raw.body);
}

const sendProblem = (response: ServerResponse, problem: HttpProblem, requestId: string, instance: string) =>
  send(response, fromHandlerResult(problemResponse(problem, requestId, instance)));

const sendJson = (response: ServerResponse, status: number, body: unknown, requestId: string) =>
  send(response, {
    statusCode: status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'x-request-id': requestId, 'cache-control': 'no-store' },
    body: Buffer.from(JSON.stringify(body)),
  });

async function authorize(raw: RawRequest, key: string, requestId: string, now: Date): Promise<AuthorizerContext> {
  const authorizer = await loadHandler(AUTHORIZER_ENTRY);
  const result = (await authorizer(toAuthorizerEvent(raw, { routeKey: key, requestId, now }), lambdaContext('authorize', 10_000))) as {
    isAuthorized: boolean;
    context?: AuthorizerContext;
  };
  // HTTP API answers 403 when a simple-response authorizer says no.
  if (!result.isAuthorized) throw problems.forbidden();
  return result.context ?? {};
}

/** The years the calendar can hold (the calendar routes' bounds): any other clock breaks every deadline. */
const CLOCK_YEARS = { min: 2000, max: 2100 } as const;
const clockBody = z
  .object({
    now: z.iso
      .datetime({ offset: true })
      .refine((value) => {
        const year = new Date(value).getUTCFullYear();
        return year >= CLOCK_YEARS.min && year <= CLOCK_YEARS.max;
      }, `must lie in the years ${CLOCK_YEARS.min}-${CLOCK_YEARS.max}`)
      .nullable(),
  })
  .strict();

async function controlRoute(raw: RawRequest, path: string, requestId: string, options: LocalHttpServerOptions) {
  const key = `${raw.method} ${path}`;
  const isClock = path === '/local/clock' && (raw.method === 'POST' || raw.method === 'GET');
  const isEffects = path === '/local/effects' && raw.method === 'GET';
  const job = /^\/local\/jobs\/([A-Za-z0-9_-]+)$/.exec(path)?.[1];
  if (!isClock && !isEffects && !(job !== undefined && raw.method === 'POST')) throw problems.notFound(`No route ${key}`);
  const principal = await authorize(raw, key, requestId, systemClock.now());
  if (!principal.clientId) throw problems.unauthorized();
  if (principal.role !== 'ucc_admin') throw problems.forbidden('Local control routes need the admin key');
  let body: unknown;
  try {
    body = JSON.parse(raw.body.toString('utf8') || 'null');
  } catch (error) {
    throw problems.malformedJson((error as Error).message);
  }
  if (isEffects) return options.effectsStatus();
  if (raw.method === 'POST') await options.beforeControl?.();
  if (isClock) {
    if (raw.method === 'POST') {
      const parsed = clockBody.safeParse(body);
      if (!parsed.success) throw problems.validation(fieldErrors('body', parsed.error));
      const now = parsed.data.now === null ? null : new Date(parsed.data.now);
      setClock(now);
      await options.clockChanged?.(now);
    }
    return { now: systemClock.now().toISOString() };
  }
  const jobs = [...SCHEDULES, ...ONE_TIME_TARGETS].map((schedule) => schedule.name);
  if (!jobs.includes(job as string)) throw problems.notFound(`No job named ${job}; the jobs are ${jobs.join(', ')}`);
  const input = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  return { job, result: await options.runJob(job as string, input) };
}

export function createLocalHttpServer(options: LocalHttpServerOptions): Server {
  const matcher = new RouteMatcher<RouteDefinition>(ROUTES);
  const server = createServer(async (request, response) => {
    const requestId = randomUUID();
    const url = request.url ?? '/';
    const path = url.split('?')[0] ?? '/';
    try {
      const raw: RawRequest = {
        method: (request.method ?? 'GET').toUpperCase(),
        url,
        headers: request.headers,
        body: await readBody(request),
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        host: request.headers.host ?? '127.0.0.1',
      };
      if (options.consoleDir !== undefined && (path === '/console' || path.startsWith('/console/')) && (raw.method === 'GET' || raw.method === 'HEAD')) {
        if (path === '/console') send(response, { statusCode: 308, headers: { location: '/console/' }, body: Buffer.alloc(0) });
        else send(response, await consoleFile(options.consoleDir, path));
        return;
      }
      if (path.startsWith('/local/')) {
        sendJson(response, 200, await controlRoute(raw, path, requestId, options), requestId);
        return;
      }
      const match = matcher.match(raw.method, path);
      if (match === undefined) {
        // As deployed: the API's $default route (after the authorizer) answers 405 or 404.
        const now = systemClock.now();
        const authorizer = await authorize(raw, '$default', requestId, now);
        const event = toApiGatewayEvent(raw, { routeKey: '$default', pathParameters: {}, requestId, now, authorizer });
        const handler = await loadHandler(METHOD_NOT_ALLOWED_ENTRY);
        send(response, fromHandlerResult(await handler(event, lambdaContext('method-not-allowed', HANDLER_TIMEOUT_MS, requestId))));
        return;
      }
      const key = routeKey(match.route);
      const now = systemClock.now();
      const authorizer = match.route.access === 'public' ? undefined : await authorize(raw, key, requestId, now);
      const event = toApiGatewayEvent(raw, {
        routeKey: key,
        pathParameters: match.pathParameters,
        requestId,
        now,
        ...(authorizer === undefined ? {} : { authorizer }),
      });
      const handler = await loadHandler(match.route.entry);
      const result = await handler(event, lambdaContext(match.route.name, HANDLER_TIMEOUT_MS, requestId));
      send(response, fromHandlerResult(result));
      if (raw.method !== 'GET') options.afterWrite?.();
    } catch (error) {
      if (error instanceof RequestTooLarge) {
        sendProblem(response, problems.payloadTooLarge(MAX_REQUEST_BYTES), requestId, path);
      } else if (error instanceof HttpProblem) {
        sendProblem(response, error, requestId, path);
      } else {
        // API Gateway's answer to a crashed integration, without internals.
        logger.error('local integration failed', { error: error as Error, requestId });
        sendProblem(response, problems.internal(), requestId, path);
      }
    }
  });
  // Idle keep-alive connections are kept longer than a client waits between requests: with
  // Node's 5 s (undici reuses a socket for 4 s) a loaded machine let the server close one just as
  // the client reused it (ECONNRESET on the GET after the reliability suite's 1,000-request storm
  // settled, 4 December 2026). close() still ends idle connections at once (Node ≥ 19).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}
