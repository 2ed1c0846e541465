import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/local-stack.ts';
import { ROLES, type Role } from '#domain/access/roles.ts';
import { ROUTES, routeKey, type RouteDefinition } from '#http/routes.ts';
import { apiClient, createTestKey, startTestStack } from '../../support/local-stack.ts';
import { newBody, testBin } from '../../support/fixtures.ts';

/** A concrete path for a route template: `{id}` of a body-scoped route is a body's id. */
const pathFor = (route: RouteDefinition, bodyId: string): string =>
  route.path.replace(/\{([^}]+)\}/g, (_whole, name: string) => {
    if (name === route.bodyScope) return bodyId;
    if (name === 'year') return '2026';
    return 'x-unknown';
  });

describe('access control over the whole route table', () => {
  let stack: LocalStack;
  let ownBody: string;
  let otherBody: string;
  const keys = new Map<Role, string>();

  beforeAll(async () => {
    stack = await startTestStack();
    const admin = apiClient(stack.url, stack.adminKey);
    ownBody = testBin(100);
    otherBody = testBin(101);
    for (const bin of [ownBody, otherBody]) expect((await admin('POST', '/v1/bodies', { body: newBody(bin) })).status).toBe(201);
    for (const role of ROLES) {
      keys.set(role, await createTestKey(role, role === 'body' || role === 'provider' ? ownBody : undefined));
    }
  });
  afterAll(async () => stack?.stop());

  it('lets exactly the roles in the permission table through, for every route × role', async () => {
    const mismatches: string[] = [];
    // The roles of a route at once (every route × role in series is ~450 requests: too slow on a busy machine).
    for (const route of ROUTES) {
      await Promise.all(
        ROLES.map(async (role) => {
          const call = apiClient(stack.url, keys.get(role));
          const response = await call(route.method, pathFor(route, ownBody), {
            ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { body: {} }),
          });
          const allowed = route.access === 'public' || route.access.includes(role);
          const denied = response.status === 403 || response.status === 401;
          if (allowed === denied) mismatches.push(`${routeKey(route)} as ${role}: ${response.status}`);
          if (denied) expect(response.headers.get('content-type')).toBe('application/problem+json');
        }),
      );
    }
    mismatches.sort();
    expect(mismatches).toEqual([]);
  });

  it('answers 401 without a key on every route but the public ones', async () => {
    for (const route of ROUTES) {
      const response = await apiClient(stack.url)(route.method, pathFor(route, ownBody), {
        ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { body: {} }),
      });
      expect(response.status, routeKey(route)).toBe(route.access === 'public' ? 200 : 401);
    }
  });

  it("answers a body-bound client on another body's id exactly as on a missing id, on every body-scoped route", async () => {
    const scoped = ROUTES.filter((route) => route.bodyScope !== undefined);
    expect(scoped.length).toBeGreaterThan(3);
    const missingBody = testBin(102);
    for (const role of ['body', 'provider'] as const) {
      const call = apiClient(stack.url, keys.get(role));
      for (const route of scoped) {
        if (route.access === 'public' || !route.access.includes(role)) continue;
        const body = route.method === 'GET' ? {} : { body: {} };
        const other = await call(route.method, pathFor(route, otherBody), body);
        const missing = await call(route.method, pathFor(route, missingBody), body);
        expect(other.status, `${routeKey(route)} as ${role}`).toBe(404);
        expect(missing.status, `${routeKey(route)} as ${role}`).toBe(404);
        const strip = (problem: Record<string, unknown>, id: string) =>
          JSON.stringify({ ...problem, requestId: undefined, instance: undefined }).replaceAll(id, '<id>');
        expect(strip(other.body, otherBody)).toBe(strip(missing.body, missingBody));
      }
    }
  });

  it('shows a body-bound client only its own body in the directory', async () => {
    const list = await apiClient(stack.url, keys.get('body'))('GET', '/v1/bodies?limit=100');
    expect(list.body.items.map((body: { id: string }) => body.id)).toEqual([ownBody]);
    const operatorList = await apiClient(stack.url, keys.get('ucc_operator'))('GET', '/v1/bodies?limit=100');
    expect(operatorList.body.items.length).toBeGreaterThan(2);
  });
});
