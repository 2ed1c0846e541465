import { describe, expect, it } from 'vitest';
import { RouteMatcher } from '#http/route-matcher.ts';

describe('RouteMatcher', () => {
  const routes = [
    { method: 'GET' as const, path: '/v1/bodies/{id}', name: 'by-id' },
    { method: 'GET' as const, path: '/v1/bodies/search', name: 'search' },
    { method: 'POST' as const, path: '/v1/bodies/{id}/responsible-persons', name: 'appoint' },
    { method: 'GET' as const, path: '/v1/files/{proxy+}', name: 'files' },
  ];
  const matcher = new RouteMatcher(routes);

  it('extracts and decodes path parameters', () => {
    const match = matcher.match('GET', '/v1/bodies/a%20b');
    expect(match?.route.name).toBe('by-id');
    expect(match?.pathParameters).toEqual({ id: 'a b' });
  });

  it('prefers a literal segment over a parameter', () => {
    expect(matcher.match('GET', '/v1/bodies/search')?.route.name).toBe('search');
  });

  it('matches on method and the whole path', () => {
    expect(matcher.match('POST', '/v1/bodies/7/responsible-persons')?.pathParameters).toEqual({ id: '7' });
    expect(matcher.match('DELETE', '/v1/bodies/7')).toBeUndefined();
    expect(matcher.match('GET', '/v1/bodies/7/extra')).toBeUndefined();
  });

  it('lets a greedy parameter span segments', () => {
    expect(matcher.match('GET', '/v1/files/a/b/c.pdf')?.pathParameters).toEqual({ proxy: 'a/b/c.pdf' });
  });
});
