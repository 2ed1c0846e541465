import { describe, expect, it } from 'vitest';
import { applyMergePatch } from '#domain/directory/merge-patch.ts';

describe('applyMergePatch', () => {
  it('follows the RFC 7396 examples', () => {
    expect(applyMergePatch({ a: 'b' }, { a: 'c' })).toEqual({ a: 'c' });
    expect(applyMergePatch({ a: 'b' }, { b: 'c' })).toEqual({ a: 'b', b: 'c' });
    expect(applyMergePatch({ a: 'b' }, { a: null })).toEqual({});
    expect(applyMergePatch({ a: { b: 'c' } }, { a: { b: 'd', c: null } })).toEqual({ a: { b: 'd' } });
    expect(applyMergePatch({ a: [{ b: 'c' }] }, { a: [1] })).toEqual({ a: [1] });
    expect(applyMergePatch(['a', 'b'], { a: 'b' })).toEqual({ a: 'b' });
    expect(applyMergePatch({ a: 'foo' }, 'bar')).toBe('bar');
  });

  it('does not modify its target', () => {
    const target = { head: { fullName: 'A', email: 'a@x.kz' } };
    applyMergePatch(target, { head: { fullName: 'B' } });
    expect(target.head.fullName).toBe('A');
  });
});
