import * as z from 'zod';
import { isIsoDate } from './calendar/local-date.ts';

/**
 * One schema per value that several records and routes share, so that a body id, a date or a
 * phone number is checked, and explained to the caller, the same way everywhere.
 */

/** A reference to a body by its id, its 12-digit BIN (a new body's BIN is checked in full by binSchema). */
export const bodyIdSchema = z.string().regex(/^\d{12}$/, 'must be a body id (its 12-digit BIN)');

/** A calendar date, YYYY-MM-DD, that exists. */
export const isoDateSchema = z.string().refine(isIsoDate, 'must be a date YYYY-MM-DD');

export const emailSchema = z.email().max(254);

/** Stored without spaces, brackets or dashes. */
export const phoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 ()-]{5,19}$/, 'must be a phone number, e.g. +7 717 270 00 00')
  .transform((value) => value.replace(/[ ()-]/g, ''));

/** A public service's code in the register of public services (§2, §4). */
export const serviceCodeSchema = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/,
    'must be a service code: 2-64 letters, digits, ".", "_" or "-", starting with a letter or digit (e.g. 00301001 from the register of public services)',
  );
