/**
 * Kazakhstan business identification number (BIN): 12 digits, the last a check digit. The
 * check digit is the weighted sum of the first 11 digits (weights 1…11) mod 11; when that is
 * 10, a second pass with weights 3…11, 1, 2; a second 10 means no valid number has these 11
 * digits (the same scheme as the IIN).
 */
const FIRST_WEIGHTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const SECOND_WEIGHTS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

const weightedMod11 = (digits: number[], weights: number[]): number =>
  digits.reduce((sum, digit, index) => sum + digit * (weights[index] ?? 0), 0) % 11;

/** The check digit for 11 leading digits, or undefined when none exists. */
export function binCheckDigit(first11: string): number | undefined {
  if (!/^\d{11}$/.test(first11)) throw new RangeError('expected 11 digits');
  const digits = [...first11].map(Number);
  const first = weightedMod11(digits, FIRST_WEIGHTS);
  if (first !== 10) return first;
  const second = weightedMod11(digits, SECOND_WEIGHTS);
  return second === 10 ? undefined : second;
}

export type BinProblem = 'format' | 'checksum';

/** undefined when `bin` is a valid BIN, else what is wrong with it. */
export function binProblem(bin: string): BinProblem | undefined {
  if (!/^\d{12}$/.test(bin) || /^0{12}$/.test(bin)) return 'format';
  return binCheckDigit(bin.slice(0, 11)) === Number(bin[11]) ? undefined : 'checksum';
}

export const isValidBin = (bin: string): boolean => binProblem(bin) === undefined;
