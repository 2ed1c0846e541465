import * as z from 'zod';
import { text } from '../text.ts';
import { binProblem } from './bin.ts';
import { emailSchema } from '../values.ts';

/** Participants of the interaction (§2). */
export const BODY_KINDS = [
  'central_body',
  'local_executive_body',
  'public_service_center',
  'service_provider',
  'informatization_authority',
  'quality_authority',
  'ucc',
] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

export const LANGUAGES = ['kk', 'ru'] as const;

export { emailSchema };

export const bodyFieldsSchema = z.strictObject({
  names: z.strictObject({ kk: text(500), ru: text(500), en: text(500).optional() }),
  email: emailSchema,
  head: z.strictObject({ fullName: text(200), position: text(300), email: emailSchema }),
  region: text(200).optional(),
  preferredLanguage: z.enum(LANGUAGES).default('kk'),
});

export const binSchema = z.string().superRefine((value, context) => {
  const problem = binProblem(value);
  if (problem === 'format') context.addIssue({ code: 'custom', message: 'must be 12 digits' });
  if (problem === 'checksum') context.addIssue({ code: 'custom', message: 'the check digit does not match (not a valid BIN)' });
});

export const createBodySchema = bodyFieldsSchema.extend({ kind: z.enum(BODY_KINDS), bin: binSchema });
export type CreateBodyInput = z.output<typeof createBodySchema>;

export interface Body extends z.output<typeof bodyFieldsSchema> {
  /** The BIN: one body per legal entity. */
  id: string;
  kind: BodyKind;
  bin: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Fields a PATCH may not change: a different BIN or kind is a different participant. */
export const IMMUTABLE_BODY_FIELDS = ['id', 'bin', 'kind', 'version', 'createdAt', 'updatedAt'] as const;

/** The same answer for "missing" and "not yours", so ids cannot be probed. */
export const bodyNotFoundMessage = (id: string): string => `No body with id ${id}`;
