import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ROUTES, routeKey, type RouteDefinition } from '#http/routes.ts';
import type { RouteSchemas } from '#http/middleware/http-route.ts';
import { getConfig } from '#commons/config.ts';
import { loadHandler } from '#infra/local/handlers.ts';
import type { Role } from '#domain/access/roles.ts';
import type { LocalStack } from '#infra/local/local-stack.ts';
import { apiClient, createTestKey, startTestStack } from '../support/local-stack.ts';
import { newBody, testBin } from '../support/fixtures.ts';
import { checkResponse, ResponseContractError } from '../support/response-contract.ts';
import { figure, propertySeed, sized } from './figures.ts';
import { badBody, jsonSchemaOf, pathParams, queryString, type GeneratedRequest } from './request-arbitraries.ts';

/**
 * Issue 17 §4: requests generated with fast-check from every route's zod schemas (bodies,
 * path and query parameters), sent over HTTP to the local stack. Whatever comes in: never a
 * 5xx, every error problem+json with its status, a 400/413/415 naming the field, and no
 * internal name (storage keys, stack frames, SDK error names) in any answer.
 */
const CASES = sized(300, 10_000);
const CONCURRENCY = 8;
const ownBody = testBin(1741);

/** What no answer may contain: storage keys, key prefixes, stack frames, SDK and runtime error names. */
const INTERNAL_NAMES: readonly RegExp[] = [
  /"(pk|sk|gsi\d(pk|sk))"/,
  /\b(IDEMPOTENCY|AUDIT|BODY|ACCEPTANCE|CLIENT|KEY|PENDING|DEADLINE)#/,
  /\bat [\w.<>]+ \(?(file:|node:|\/)/,
  /\.ts:\d+/,
  /\b\w+Exception\b/,
  /\$metadata|\$fault|DynamoDB|ConditionalCheckFailed|ProvisionedThroughput/,
  /\b(TypeError|ReferenceError|RangeError|SyntaxError): /,
];
const FIELD = /^(body|query|path|header)(\.|\[|$)/;

/** The role a request goes as: the admin where allowed, else the first allowed (a body-bound one on its own body). */
const roleFor = (route: RouteDefinition): Role | undefined =>
  route.access === 'public' ? undefined : route.access.includes('ucc_admin') ? 'ucc_admin' : route.access[0];

interface Finding {
  route: string;
  kind: string;
  status: number;
  why: string;
  request: string;
}

describe('bad input across every route (issue 17 §4)', () => {
  let stack: LocalStack;
  const keys = new Map<Role, string>();
  const routeSchemas = new Map<string, RouteSchemas>();

  beforeAll(async () => {
    stack = await startTestStack();
    const admin = apiClient(stack.url, stack.adminKey);
    expect((await admin('POST', '/v1/bodies', { body: newBody(ownBody) })).status).toBe(201);
    for (const role of ['ucc_admin', 'ucc_operator', 'body', 'provider', 'quality_authority', 'informatization_authority'] as const) {
      keys.set(role, await createTestKey(role, role === 'body' || role === 'provider' ? ownBody : undefined));
    }
    // Each handler carries the zod schemas it validates with (as the OpenAPI document reads them).
    for (const route of ROUTES) {
      const handler = (await loadHandler(route.entry)) as { routeSchemas?: RouteSchemas };
      if (handler.routeSchemas !== undefined) routeSchemas.set(routeKey(route), handler.routeSchemas);
    }
  }, 120_000);
  afterAll(async () => stack?.stop());

  it(`answers ${CASES} generated requests with no 5xx, problem+json naming the field, and no internal names`, async () => {
    const maxBodyBytes = getConfig().MAX_BODY_BYTES;
    // 5% more than CASES: the few URLs fetch itself refuses to send are not answers, and CASES must be.
    const perRoute = Math.ceil((CASES * 1.05) / ROUTES.length);
    const generationStart = performance.now();
    const cases: { route: RouteDefinition; request: GeneratedRequest }[] = [];
    for (const [index, route] of ROUTES.entries()) {
      const schemas = routeSchemas.get(routeKey(route));
      expect(schemas, `${routeKey(route)} has no schemas registered`).toBeDefined();
      const names = [...route.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] as string);
      const fixed = route.bodyScope === undefined ? {} : { [route.bodyScope]: ownBody };
      const arbitrary = fc
        .record({
          body: route.method === 'GET' || route.method === 'DELETE' ? fc.constant({ kind: 'none' }) : badBody(schemas?.body === undefined ? undefined : jsonSchemaOf(schemas.body), maxBodyBytes),
          params: pathParams(schemas?.params === undefined ? undefined : jsonSchemaOf(schemas.params), names, fixed),
          query: queryString(schemas?.query === undefined ? undefined : jsonSchemaOf(schemas.query)),
        })
        .map(({ body, params, query }): GeneratedRequest => ({ ...body, params, query }));
      for (const request of fc.sample(arbitrary, { numRuns: perRoute, seed: propertySeed() + index })) cases.push({ route, request });
    }

    const generationMs = performance.now() - generationStart;
    const sendingStart = performance.now();
    const findings: Finding[] = [];
    const statuses = new Map<number, number>();
    const kinds = new Set<string>();
    let next = 0;
    let refusedByFetch = 0;
    const worker = async () => {
      while (next < cases.length) {
        const { route, request } = cases[next++]!;
        kinds.add(request.kind);
        const path = route.path.replace(/\{([^}]+)\}/g, (_whole, name: string) => request.params[name] ?? 'x');
        const role = roleFor(route);
        const headers: Record<string, string> = {};
        if (role !== undefined) headers.authorization = `Bearer ${keys.get(role)}`;
        if (request.contentType !== undefined && request.contentType !== '') headers['content-type'] = request.contentType;
        let status = 0;
        let text = '';
        let contentType = '';
        const send = () =>
          fetch(`${stack.url}${path}${request.query === '' ? '' : `?${request.query}`}`, {
            method: route.method,
            headers,
            ...(request.body === undefined ? {} : { body: request.body }),
          });
        try {
          // A kept-alive socket the server closed as the client reused it resets without an
          // answer (a transport race, not the app's): sent again once on a fresh connection.
          const response = await send().catch((error: Error) => {
            if (/ECONNRESET|socket/i.test(String(error.cause ?? ''))) return send();
            throw error;
          });
          status = response.status;
          contentType = response.headers.get('content-type') ?? '';
          text = await response.text();
        } catch (error) {
          // A URL fetch itself refuses (e.g. a malformed percent-encoding fetch will not send) is no answer to judge.
          if (error instanceof TypeError && /URL|Invalid/.test(error.message)) {
            refusedByFetch += 1;
            continue;
          }
          // No answer at all (the connection dropped) is a finding like a 5xx.
          findings.push({ route: routeKey(route), kind: request.kind, status: 0, why: `no answer: ${String((error as Error).cause ?? error)}`, request: `${path.slice(0, 120)}?${request.query.slice(0, 80)} ${String(request.body).slice(0, 160)} (${request.body?.length ?? 0} chars)` });
          continue;
        }
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        const found = (why: string) =>
          findings.push({ route: routeKey(route), kind: request.kind, status, why, request: `${path.slice(0, 120)}?${request.query.slice(0, 80)} ${String(request.body).slice(0, 160)}` });
        if (status >= 500) found('5xx');
        // Whatever it answered is what the document declares for the operation (response-contract.ts).
        try {
          checkResponse({ method: route.method, path, status, contentType, body: /json/.test(contentType) && text.length > 0 ? JSON.parse(text) : text });
        } catch (error) {
          found(error instanceof ResponseContractError ? error.message.split('\n').slice(0, 3).join(' ') : `unparsable JSON: ${String(error)}`);
        }
        // The request's own text may be echoed (a field name, a value); anything else internal may not.
        let answer = text;
        if (request.body !== undefined) for (const echoed of request.body.match(/[A-Za-z_$#.]{4,}/g) ?? []) answer = answer.replaceAll(echoed, '');
        // The app's own answers (JSON, problem+json); a static asset (the API reference's script) is third-party text.
        if (/json/.test(contentType)) for (const pattern of INTERNAL_NAMES) if (pattern.test(answer)) found(`internal name ${pattern}`);
        if (status >= 400) {
          if (!contentType.startsWith('application/problem+json')) {
            found(`content type ${contentType}`);
            continue;
          }
          let problem: { status?: number; errors?: { field?: unknown }[] };
          try {
            problem = JSON.parse(text);
          } catch {
            found('problem is not JSON');
            continue;
          }
          if (problem.status !== status) found(`problem status ${problem.status}`);
          if ([400, 413, 415].includes(status) && !(problem.errors !== undefined && problem.errors.length > 0)) found('no field named');
          for (const error of problem.errors ?? []) if (typeof error.field !== 'string' || !FIELD.test(error.field)) found(`field ${String(error.field)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));

    const sendingMs = performance.now() - sendingStart;
    const sent = [...statuses.values()].reduce((sum, count) => sum + count, 0);
    figure('bad-input.routes', ROUTES.length);
    figure('bad-input.generation', Math.round(generationMs), 'ms');
    figure('bad-input.requests-per-second', Math.round((sent / sendingMs) * 1000));
    figure('bad-input.cases', sent);
    figure('bad-input.refused-by-fetch', refusedByFetch);
    figure('bad-input.kinds', [...kinds].sort().join(','));
    figure('bad-input.5xx', findings.filter((finding) => finding.why === '5xx').length);
    figure('bad-input.findings', findings.length);
    figure('bad-input.statuses', [...statuses.entries()].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`).join(' '));
    expect(sent + refusedByFetch + findings.filter((finding) => finding.status === 0).length).toBe(cases.length);
    expect(sent).toBeGreaterThanOrEqual(CASES);
    expect(findings.slice(0, 15)).toEqual([]);
  }, 600_000);
});
