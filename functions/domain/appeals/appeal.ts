import * as z from 'zod';
import type { Principal } from '#domain/access/roles.ts';
import { bodyIdSchema, serviceCodeSchema } from '../values.ts';
import { citizenContactSchema, contactFor, type CitizenContact } from '../directory/personal-data.ts';
import { instantSchema } from '../stages/service-stage.ts';

/**
 * §13: every contact of a service recipient with the UCC is an appeal, recorded with its
 * channel, the service and topic it was about, the region, what the operator did (the outcome),
 * when, by whom, and the body whose service it concerned. The quarterly figures (§14) count
 * them by service, channel, topic, region, outcome and body (appeal-counts.ts).
 *
 * The closed lists (channel, outcome) are the report's columns; the open codes (topic, region)
 * are ASCII codes, not free text: they are counter names, and a report groups by them.
 */
export const APPEAL_CHANNELS = ['phone_1414', 'email', 'chat', 'web', 'in_person', 'messenger'] as const;
export type AppealChannel = (typeof APPEAL_CHANNELS)[number];

export const APPEAL_OUTCOMES = ['consulted', 'stage_given', 'complaint_procedure_explained', 'redirected'] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];

/** A client-supplied appeal id (the contact centre's own), the appeal's identity: the same id again is a duplicate. */
export const appealIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be an appeal id: 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit');

/** A topic or region code: a counter name in the quarterly figures. */
const codeSchema = (what: string) =>
  z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, `must be a ${what} code: 1-64 lower-case letters, digits, "_", "." or "-"`);

/** The UCC operator's login (staff, not a citizen): letters, digits, ".", "_", "-". */
const operatorSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be an operator login: 1-64 letters, digits, ".", "_" or "-"');

export const appealSchema = z.strictObject({
  id: appealIdSchema,
  channel: z.enum(APPEAL_CHANNELS, { error: `must be one of ${APPEAL_CHANNELS.join(', ')}` }),
  serviceCode: serviceCodeSchema,
  topic: codeSchema('topic'),
  region: codeSchema('region'),
  outcome: z.enum(APPEAL_OUTCOMES, { error: `must be one of ${APPEAL_OUTCOMES.join(', ')}` }),
  occurredAt: instantSchema,
  operator: operatorSchema,
  bodyId: bodyIdSchema,
  /** The appellant, when they gave their contact (personal data: never logged, masked for other roles). */
  contact: citizenContactSchema.optional(),
});
export type AppealInput = z.output<typeof appealSchema>;

/** A recorded appeal: what the centre sent (occurredAt normalised to UTC), who recorded it, when, and in which batch. */
export interface Appeal extends AppealInput {
  recordedAt: string;
  recordedBy: string;
  batchId: string;
}

export type AppealView = Omit<Appeal, 'contact'> & { contact?: CitizenContact | (CitizenContact & { masked: true }) };

/** The appeal as this principal may see it: the contact whole for the UCC and the quality authority, masked for others (§13, personal data). */
export const appealView = (appeal: Appeal, principal: Pick<Principal, 'role'>): AppealView => {
  const { contact, ...rest } = appeal;
  return contact === undefined ? rest : { ...rest, contact: contactFor(principal, contact) };
};
