import * as z from 'zod';

/**
 * Free text as people type it: trimmed, not empty, at most `max` characters, well-formed
 * Unicode (no lone surrogates, which cannot be encoded in a header or e-mail) and no control
 * characters other than tab and line breaks.
 */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** String.prototype.isWellFormed (Node 20+; ES2024, beyond the lib this project compiles against). */
export const isWellFormed = (value: string): boolean => (value as string & { isWellFormed(): boolean }).isWellFormed();

/** The same rules without trimming or a minimum (for forms that report blanks themselves). */
export const wellFormedText = (max: number) =>
  z
    .string()
    .max(max)
    .refine(isWellFormed, 'must be well-formed Unicode text')
    .refine((value) => !CONTROL.test(value), 'must not contain control characters');

export const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine(isWellFormed, 'must be well-formed Unicode text')
    .refine((value) => !CONTROL.test(value), 'must not contain control characters');
