import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binCheckDigit, binProblem, isValidBin } from '#domain/directory/bin.ts';

describe('binCheckDigit', () => {
  it('uses weights 1…11 mod 11', () => {
    // 9·1+9·2+0·3+1·4+4·5+0·6+0·7+0·8+1·9+2·10+3·11 = 113 ≡ 3 (mod 11)
    expect(binCheckDigit('99014000123')).toBe(3);
  });

  it('takes the second pass (weights 3…11, 1, 2) when the first gives 10', () => {
    // first: 296 ≡ 10; second: 3+8+15+24+35+48+63+80+99+0+2 = 377 ≡ 3
    expect(binCheckDigit('12345678901')).toBe(3);
  });

  it('has no check digit when both passes give 10', () => {
    // first: 1+20+88 = 109 ≡ 10; second: 3+2+16 = 21 ≡ 10
    expect(binCheckDigit('10000000028')).toBeUndefined();
  });
});

describe('binProblem', () => {
  it('accepts valid BINs and names what is wrong with others', () => {
    expect(binProblem('990140001233')).toBeUndefined();
    expect(binProblem('123456789013')).toBeUndefined();
    expect(binProblem('990140001234')).toBe('checksum');
    expect(binProblem('100000000280')).toBe('checksum');
    expect(binProblem('99014000123')).toBe('format');
    expect(binProblem('99014000123a')).toBe('format');
    expect(binProblem('000000000000')).toBe('format');
  });

  it('rejects any single-digit change of a valid BIN in the check digit', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{11}$/), fc.integer({ min: 1, max: 9 }), (first11, shift) => {
        const check = binCheckDigit(first11);
        fc.pre(check !== undefined && !/^0{11}$/.test(first11));
        expect(isValidBin(`${first11}${check}`)).toBe(true);
        expect(isValidBin(`${first11}${((check as number) + shift) % 10}`)).toBe(false);
      }),
    );
  });
});
