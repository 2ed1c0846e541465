import * as z from 'zod';
import type { DocumentRef } from '../ports.ts';
import { text } from '../text.ts';
import { emailSchema, isoDateSchema, phoneSchema, serviceCodeSchema } from '../values.ts';

// Shared values, also imported from here by older modules.
export { isoDateSchema, serviceCodeSchema };
import { DOCUMENT_CONTENT_TYPES, MAX_DOCUMENT_BYTES } from '../documents/accept-upload.ts';

export { MAX_DOCUMENT_BYTES };
import type { DerivationStep } from '../calendar/compute-deadline.ts';
import type { RuleKey } from '../rulebook/rulebook.ts';

/**
 * An acceptance: the §4–§9 process that makes one public service of one body something the UCC
 * consults on. A state machine over plain data; commands in acceptance-commands.ts.
 */
export const ACCEPTANCE_STATUSES = [
  'requested', // §4 request sent; the body appoints a responsible person (§5, 2 WD)
  'responsibleAppointed', // §5 the person submits the signed information (3 WD)
  'informationSubmitted', // §5 the UCC registers it; §8 training within 5 WD
  'informationReturned', // the UCC returned the information with reasons; the body resubmits
  'informationRegistered', // §5 entered in the UCC knowledge base
  'trainingHeld', // §8 training of UCC staff held
  'protocolSigned', // §8 protocol of acceptance signed; §9 consulting starts 5 WD later
  'live', // §9 the UCC consults on the service
] as const;
export type AcceptanceStatus = (typeof ACCEPTANCE_STATUSES)[number];

export const ACCEPTANCE_ACTIONS = ['responsible-person', 'information', 'registration', 'return', 'training', 'protocol'] as const;
export type AcceptanceAction = (typeof ACCEPTANCE_ACTIONS)[number];

/** Which action each status allows (the daily job alone moves protocolSigned to live). */
export const ALLOWED_ACTIONS: Record<AcceptanceStatus, readonly AcceptanceAction[]> = {
  requested: ['responsible-person'],
  responsibleAppointed: ['responsible-person', 'information'],
  informationSubmitted: ['registration', 'return'],
  informationReturned: ['information'],
  informationRegistered: ['training'],
  trainingHeld: ['protocol'],
  protocolSigned: [],
  live: [],
};

export const localizedSchema = z.strictObject({ kk: text(4000), ru: text(4000), en: text(4000).optional() });
export type Localized = z.output<typeof localizedSchema>;
const personSchema = z.strictObject({ fullName: text(200), position: text(300), email: emailSchema, phone: phoneSchema });

/**
 * §5 (§7 for a replacement): the person answers for this acceptance's service, on the same
 * record POST /v1/bodies/{id}/responsible-persons keeps (appointedOn defaults to today).
 */
export const responsiblePersonStepSchema = z.strictObject({
  ...personSchema.shape,
  appointedOn: isoDateSchema.optional(),
  /** §7: the day the previous person was replaced or dismissed; required when replacing one. */
  changedOn: isoDateSchema.optional(),
});

/** A document uploaded with a record (kept whole in the documents bucket; its SHA-256 is recorded): documents/accept-upload.ts says which kinds. */

export const documentSchema = z.strictObject({
  fileName: text(255).regex(/^[^/\\]+$/, 'must be a file name, not a path'),
  contentType: z.enum(DOCUMENT_CONTENT_TYPES),
  contentBase64: z
    .string()
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64')
    .refine((value) => Math.floor((value.length * 3) / 4) <= MAX_DOCUMENT_BYTES + 2, `must be at most ${MAX_DOCUMENT_BYTES} bytes`),
});

/** The form without its document must fit, with the rest of the acceptance, in one 400 KB item. */
export const MAX_INFORMATION_BYTES = 150 * 1024;

/** The Appendix form ("information for the UCC"), as reconstructed in docs/regulation.md (the source keeps only its last line). */
export const informationSchema = z.strictObject({
  serviceName: localizedSchema,
  serviceCode: serviceCodeSchema,
  provider: localizedSchema,
  placesOfApplication: localizedSchema,
  term: localizedSchema,
  forms: z.array(z.enum(['electronic', 'paper', 'proactive'])).min(1).max(3),
  result: localizedSchema,
  fee: z.strictObject({ free: z.boolean(), amountKzt: z.number().nonnegative().max(1e9).optional(), basis: localizedSchema.optional() }),
  schedule: localizedSchema,
  documents: z.array(localizedSchema).min(1).max(100),
  refusalGrounds: z.array(localizedSchema).max(100),
  otherRequirements: localizedSchema.optional(),
  contacts: localizedSchema,
  responsibleExecutor: personSchema,
  /** §5: signed by the head of the body. */
  signedBy: z.strictObject({ fullName: text(200), position: text(300) }),
  document: documentSchema.optional(),
}).superRefine((value, context) => {
  const { document: _document, ...form } = value;
  if (new TextEncoder().encode(JSON.stringify(form)).length > MAX_INFORMATION_BYTES) {
    context.addIssue({ code: 'custom', message: `the form (without the document) must be at most ${MAX_INFORMATION_BYTES / 1024} KB` });
  }
});
export type InformationInput = z.output<typeof informationSchema>;

export type StoredDocument = DocumentRef;

export type Information = Omit<InformationInput, 'document'> & {
  document?: StoredDocument;
  submittedAt: string;
  submittedBy: string;
  /** 1 for the first submission, +1 per resubmission after a return. */
  submission: number;
};

/** All the reasons of one return, in UTF-8: they travel in the record, its event and the e-mail (kk and ru). */
export const MAX_RETURN_REASONS_BYTES = 16 * 1024;
/** The reasons of this many latest returns stay on the acceptance; all are in its events (GET …/events). */
export const RETURNS_WITH_REASONS_KEPT = 3;

export const returnStepSchema = z.strictObject({
  reasons: z
    .array(text(2000))
    .min(1)
    .max(50)
    .refine(
      (reasons) => new TextEncoder().encode(reasons.join('')).length <= MAX_RETURN_REASONS_BYTES,
      `the reasons together must be at most ${MAX_RETURN_REASONS_BYTES / 1024} KB`,
    ),
});


export const trainingStepSchema = z.strictObject({
  heldOn: isoDateSchema,
  participants: z.array(z.strictObject({ fullName: text(200), position: text(300).optional() })).min(1).max(500),
  topics: z.array(text(500)).max(50).optional(),
});

const signatorySchema = z.strictObject({ fullName: text(200), position: text(300), party: z.enum(['ucc', 'body']) });
export const protocolStepSchema = z.strictObject({
  signedOn: isoDateSchema,
  number: text(100).optional(),
  signatories: z
    .array(signatorySchema)
    .min(2)
    .max(20)
    .refine((list) => list.some((s) => s.party === 'ucc') && list.some((s) => s.party === 'body'), {
      message: 'must include representatives of both the UCC and the body (§8)',
    }),
});

export type DeadlineKey = Extract<
  RuleKey,
  | 'appointResponsible'
  | 'submitInformation'
  | 'holdTraining'
  | 'returnedInformation'
  | 'startConsultation'
  | 'answerInformationRequest'
  | 'discrepancyExplanation'
  | 'trainQualityAuthority'
  | 'complaintReview'
  | 'complaintReviewByAuthority'
  | 'monthlyReport'
  | 'quarterlyReport'
>;

export interface DeadlineRecord {
  /** `<case id>:<key>:<n>`: the n-th deadline of that kind in this case (an acceptance, a request). */
  id: string;
  key: DeadlineKey;
  cite: string;
  rulebookId: string;
  /** The instant the period counts from. */
  from: string;
  dueDate: string;
  dueAt: string;
  derivation: DerivationStep[];
  status: 'open' | 'met' | 'missed' | 'cancelled';
  closedAt?: string;
  /** Who must act: the body, or the UCC. */
  party: 'body' | 'ucc';
  /**
   * The calendar recalculation page that last moved it (`<recalculation id>:page:<n>`, GET
   * /v1/calendars/KZ/{year}/recalculation): that page, run again after a crash, counts it moved.
   */
  movedBy?: string;
}

export interface HistoryEntry {
  at: string;
  actor: string;
  action: AcceptanceAction | 'open' | 'go-live';
  from: AcceptanceStatus | null;
  to: AcceptanceStatus;
}

export interface Acceptance {
  id: string;
  bodyId: string;
  serviceCode: string;
  serviceName: Localized;
  planItemId?: string;
  status: AcceptanceStatus;
  rulebookId: string;
  openedAt: string;
  openedBy: string;
  /** The person named in the §5 step (the current one is on the body's record, GET /v1/bodies/{id}/responsible-persons). */
  responsiblePerson?: z.output<typeof personSchema> & { appointedAt: string };
  information?: Information;
  /** Every submission of the form, oldest first: the form itself is kept whole as a document (formSha256). */
  submissions?: { submission: number; submittedAt: string; submittedBy: string; formSha256?: string; documentSha256?: string }[];
  /** Every return, oldest first; the reasons of the latest ones (RETURNS_WITH_REASONS_KEPT), the rest in the events. */
  returns: { at: string; by: string; reasonCount: number; reasons?: string[] }[];
  knowledgeBase?: { entryVersion: number; registeredAt: string; registeredBy: string };
  training?: z.output<typeof trainingStepSchema> & { recordedAt: string; recordedBy: string };
  protocol?: z.output<typeof protocolStepSchema> & { recordedAt: string; recordedBy: string };
  consultationStartsOn?: string;
  liveAt?: string;
  deadlines: DeadlineRecord[];
  /** The earliest open deadline (drives `overdue`). */
  nextDueAt?: string;
  history: HistoryEntry[];
  /** Idempotency keys of the latest steps: a retried step answers with the state it produced. */
  appliedKeys: string[];
  version: number;
}

export const acceptanceNotFoundMessage = (id: string): string => `No acceptance with id ${id}`;
