import { describe, expect, it } from 'vitest';
import { principalOf } from '#domain/access/roles.ts';

describe('principalOf', () => {
  it('binds a body or provider client to its body', () => {
    expect(principalOf('c-1', 'provider', 'b-1')).toEqual({ clientId: 'c-1', role: 'provider', bodyId: 'b-1' });
  });

  it('gives no principal to a body-bound role without its body', () => {
    expect(principalOf('c-1', 'body', undefined)).toBeUndefined();
    expect(principalOf('c-1', 'body', '')).toBeUndefined();
  });

  it('carries no body for the UCC and the authorities', () => {
    expect(principalOf('c-2', 'quality_authority', 'b-1')).toEqual({ clientId: 'c-2', role: 'quality_authority' });
  });
});
