import { describe, expect, it } from 'vitest';
import { ROUTES } from '#http/routes.ts';

describe('the route table', () => {
  it('names a path variable one way at each level (API Gateway refuses /v1/bodies/{bodyId}/… beside /v1/bodies/{id}: "conflicting variable on the same hierarchical level")', () => {
    // The variable named at a level under a given literal prefix, e.g. `/v1/bodies/*` → id.
    const named = new Map<string, Set<string>>();
    for (const route of ROUTES) {
      const segments = route.path.split('/');
      segments.forEach((segment, level) => {
        const variable = /^\{([^}+]+)\+?\}$/.exec(segment)?.[1];
        if (variable === undefined) return;
        const parent = segments.slice(0, level).map((part) => (part.startsWith('{') ? '*' : part)).join('/');
        named.set(parent, new Set([...(named.get(parent) ?? []), variable]));
      });
    }
    const conflicts = [...named].filter(([, variables]) => variables.size > 1).map(([parent, variables]) => `${parent}/{${[...variables].join('|')}}`);
    expect(conflicts).toEqual([]);
  });
});
