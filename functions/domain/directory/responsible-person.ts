import * as z from 'zod';
import { text } from '../text.ts';
import type { DerivationStep } from '../calendar/compute-deadline.ts';
import { emailSchema } from './body.ts';
import { isoDateSchema, phoneSchema } from '../values.ts';

export { phoneSchema };

/** A responsible person (§5, §7): appointed per body, or per service of the body. */
export const appointResponsiblePersonSchema = z.strictObject({
  fullName: text(200),
  position: text(300),
  email: emailSchema,
  phone: phoneSchema,
  appointedOn: isoDateSchema,
  /** Only for a service-specific appointment; otherwise the person answers for the whole body. */
  serviceCode: z.string().trim().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be a service code').optional(),
  /** §7: the day the previous person was replaced or dismissed; required when replacing. */
  changedOn: isoDateSchema.optional(),
});
export type AppointResponsiblePersonInput = z.output<typeof appointResponsiblePersonSchema>;

export interface ResponsiblePerson {
  fullName: string;
  position: string;
  email: string;
  phone: string;
  appointedOn: string;
  recordedAt: string;
  recordedBy: string;
  /** Set when the person was replaced or dismissed. */
  endedOn?: string;
  /** Set when the person was appointed in an acceptance's step (§5). */
  acceptanceId?: string;
}

/** The §7 check of a replacement notice. */
export interface NoticeCheck {
  changedOn: string;
  dueAt: string;
  receivedAt: string;
  late: boolean;
  rule: { key: 'responsiblePersonNotice'; cite: string; workingDays: number; rulebookId: string };
  derivation: DerivationStep[];
}

export interface ResponsibleAssignment {
  bodyId: string;
  /** 'body' or 'service:<code>' */
  scope: string;
  serviceCode?: string;
  current: ResponsiblePerson;
  /** Earlier persons, newest first. */
  history: ResponsiblePerson[];
  /** The §7 checks of each replacement, newest first. */
  notices: NoticeCheck[];
  /** The acceptance-step events already recorded here (their effect may run twice). */
  appliedEvents?: string[];
  version: number;
}
