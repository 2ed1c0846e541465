import * as z from 'zod';
import { documentSchema, isoDateSchema, serviceCodeSchema, type DeadlineRecord, type StoredDocument } from '../acceptance/acceptance.ts';
import { startOfAlmatyDay, toAlmatyDate } from '../calendar/local-date.ts';
import { closeCaseDeadline, openCaseDeadline, recountCaseDeadlines, type DeadlineContext } from '../deadlines/case-deadline.ts';
import type { DeadlineSubject } from '../deadlines/monitored-deadline.ts';
import type { BodyKind } from '../directory/body.ts';
import { breachViolationId, VIOLATION_EVENT } from '../directory/compliance.ts';
import { citizenContactSchema, type CitizenContact } from '../directory/personal-data.ts';
import type { SignerCertificate } from '../documents/cms-signer.ts';
import { InvalidInputError, StateConflictError } from '../errors.ts';
import { domainEvent } from '../events.ts';
import type { DomainEvent, OutboxMessage } from '../ports.ts';
import type { Rulebook } from '../rulebook/rulebook.ts';
import { text } from '../text.ts';
import { bodyIdSchema } from '../values.ts';

/**
 * A complaint a service recipient filed through the e-government portal's forum as an
 * EDS-signed electronic document (§17), as the UCC registers it to tell the recipient its review
 * period, and for the §18 monthly report. Under the Law "On public services" (Art. 25) the
 * service provider reviews a complaint addressed to it within 5 working days of its
 * registration, the quality authority one addressed to it within 15: the reviewer's case
 * deadline, watched by the deadline monitor. Resolving it after the due date, or not by then, is
 * a violation of the legal review period on the reviewer's compliance record (§18, §21).
 */
export const COMPLAINT_ADDRESSEES = ['service_provider', 'quality_authority'] as const;
export type ComplaintAddressee = (typeof COMPLAINT_ADDRESSEES)[number];
/** §18 counts complaints about the procedure, about non-compliance with the standard, about staff. */
export const COMPLAINT_CATEGORIES = ['procedure', 'standard_noncompliance', 'staff_action_inaction'] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];
export const COMPLAINT_DECISIONS = ['satisfied', 'partially_satisfied', 'rejected'] as const;
export type ComplaintDecision = (typeof COMPLAINT_DECISIONS)[number];
export const COMPLAINT_STATUSES = ['open', 'resolved'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** Art. 25: the rule of the rulebook each addressee's review period comes from. */
export const REVIEW_RULES = { service_provider: 'complaintReview', quality_authority: 'complaintReviewByAuthority' } as const;
export type ReviewRule = (typeof REVIEW_RULES)[ComplaintAddressee];

/** The bodies a complaint can be about (§18: central state bodies, LEBs, PSCs and service providers). */
export const COMPLAINT_TARGET_KINDS: readonly BodyKind[] = ['central_body', 'local_executive_body', 'public_service_center', 'service_provider'];

export const portalNumberSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9/._-]{0,63}$/, 'must be the portal’s registration number: 1–64 letters, digits, "/", ".", "_" or "-"');

const instantSchema = z.iso
  .datetime({ offset: true })
  .refine((instant) => Math.abs(new Date(instant).getUTCFullYear() - 2050) <= 50, 'must be between the years 2000 and 2100');

export const registerComplaintSchema = z.strictObject({
  /** The portal's registration number: one complaint per number (a repeat finds the one registered). */
  portalNumber: portalNumberSchema,
  /** The body complained about: its review period, if addressed to it, is its own. */
  bodyId: bodyIdSchema,
  addressedTo: z.enum(COMPLAINT_ADDRESSEES),
  category: z.enum(COMPLAINT_CATEGORIES),
  serviceCode: serviceCodeSchema,
  serviceName: text(500),
  /** Personal data: whole for the UCC and the quality authority only, never logged. */
  complainant: citizenContactSchema,
  /** When the portal received it. */
  receivedAt: instantSchema,
  /** The day it was registered (the review period counts from the next day); the day received by default. */
  registeredOn: isoDateSchema.optional(),
  /** The signed electronic document (CMS `.p7s`/`.cms`, signed XML, PDF, …). */
  document: documentSchema,
});

export const complaintOutcomeSchema = z.strictObject({
  decision: z.enum(COMPLAINT_DECISIONS),
  summary: text(8000),
  /** The answer sent to the recipient, and what backs it. */
  attachments: z.array(documentSchema).max(3).optional(),
});

export interface Complaint {
  /** `cmp-<32 hex>`, derived from the portal number. */
  id: string;
  portalNumber: string;
  /** The body complained about, and its kind (from the directory). */
  bodyId: string;
  bodyKind: BodyKind;
  addressedTo: ComplaintAddressee;
  /** Who reviews it: the body itself, or the quality authority. */
  reviewerId: string;
  reviewerKind: BodyKind;
  category: ComplaintCategory;
  serviceCode: string;
  serviceName: string;
  complainant: CitizenContact;
  receivedAt: string;
  registeredOn: string;
  /** The signed document; `signers` when it is a CMS SignedData this system reads. */
  document: StoredDocument & { signers?: SignerCertificate[] };
  status: ComplaintStatus;
  rulebookId: string;
  reviewRule: ReviewRule;
  registeredAt: string;
  registeredBy: string;
  deadlines: DeadlineRecord[];
  outcome?: { decision: ComplaintDecision; summary: string; attachments: StoredDocument[]; at: string; by: string; inTime: boolean };
  /** Idempotency keys of the latest commands: a retried outcome finds its result. */
  appliedKeys: string[];
  version: number;
}

/** What a registration is given: the portal's record, the bodies read from the directory, the checked document. */
export type ComplaintSpec = Omit<Complaint, 'registeredOn' | 'status' | 'rulebookId' | 'reviewRule' | 'registeredAt' | 'registeredBy' | 'deadlines' | 'outcome' | 'appliedKeys' | 'version'> & {
  registeredOn?: string;
};

export interface ComplaintContext extends DeadlineContext {
  /** The reviewer's address (and its responsible person for the service), and the UCC's. */
  recipients: { reviewer: string[]; uccEmail?: string | undefined };
}

export interface ComplaintOutcome {
  state: Complaint;
  events: DomainEvent[];
  messages: OutboxMessage[];
}

export const complaintNotFound = (id: string): string => `No complaint with id ${id}`;

const aggregate = (state: Pick<Complaint, 'id'>) => ({ type: 'Complaint', id: state.id });
/** The deadline is the reviewer's: reminders, the breach and the violation go to the body that must review. */
const subjectOf = (state: Complaint): DeadlineSubject => ({
  type: 'complaint',
  id: state.id,
  bodyId: state.reviewerId,
  serviceCode: state.serviceCode,
  serviceName: { kk: state.serviceName, ru: state.serviceName },
});
const ddmmyyyy = (date: string): string => `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
const footer = (state: Complaint) =>
  `\n\n—\nUCC Interop · complaint ${state.id} · ${state.portalNumber}\nБұл хат автоматты түрде жіберілді. / Это письмо отправлено автоматически.`;

const CATEGORY_NAMES: Record<ComplaintCategory, { kk: string; ru: string }> = {
  procedure: { kk: 'қызмет көрсету тәртібі', ru: 'порядок оказания услуги' },
  standard_noncompliance: { kk: 'қызмет стандартын сақтамау', ru: 'несоблюдение стандарта услуги' },
  staff_action_inaction: { kk: 'қызметкерлердің әрекеті (әрекетсіздігі)', ru: 'действия (бездействие) работников' },
};
const DECISION_NAMES: Record<ComplaintDecision, { kk: string; ru: string }> = {
  satisfied: { kk: 'қанағаттандырылды', ru: 'удовлетворена' },
  partially_satisfied: { kk: 'ішінара қанағаттандырылды', ru: 'удовлетворена частично' },
  rejected: { kk: 'қанағаттандырусыз қалдырылды', ru: 'оставлена без удовлетворения' },
};

/** The review period's own deadline (one per complaint). */
export const reviewDeadlineOf = (state: Pick<Complaint, 'deadlines' | 'reviewRule'>): DeadlineRecord | undefined =>
  state.deadlines.find((deadline) => deadline.key === state.reviewRule);

/** The input a registration checks against the clock: received in the past, registered between then and today. */
function checkDates(receivedAt: string, registeredOn: string, now: Date): void {
  if (Date.parse(receivedAt) > now.getTime()) throw new InvalidInputError([{ field: 'body.receivedAt', message: 'must not be in the future' }]);
  if (registeredOn < toAlmatyDate(receivedAt)) {
    throw new InvalidInputError([{ field: 'body.registeredOn', message: 'must not be before the day it was received (Asia/Almaty)' }]);
  }
  if (registeredOn > toAlmatyDate(now)) throw new InvalidInputError([{ field: 'body.registeredOn', message: 'must not be in the future' }]);
}

/**
 * §17: the complaint as the portal registered it. The review period (Art. 25: 5 working days
 * to the provider, 15 to the quality authority) counts from the day after its registration; the
 * reviewer is told, without the complainant's contacts.
 */
export function registerComplaint(spec: ComplaintSpec, context: ComplaintContext): ComplaintOutcome {
  const registeredOn = spec.registeredOn ?? toAlmatyDate(spec.receivedAt);
  checkDates(spec.receivedAt, registeredOn, context.now);
  const nowIso = context.now.toISOString();
  const reviewRule = REVIEW_RULES[spec.addressedTo];
  const state: Complaint = {
    ...spec,
    registeredOn,
    status: 'open',
    rulebookId: context.rulebook.id,
    reviewRule,
    registeredAt: nowIso,
    registeredBy: context.actor,
    deadlines: [],
    appliedKeys: [],
    version: 1,
  };
  const { deadline, event: opened } = openCaseDeadline(reviewRule, 'body', subjectOf(state), aggregate(state), context, { from: startOfAlmatyDay(registeredOn) });
  state.deadlines.push(deadline);
  // No contacts in events: the audit log is read by more roles than personal data is.
  const events = [
    domainEvent('ComplaintRegistered', aggregate(state), context.actor, nowIso, {
      bodyId: state.bodyId,
      bodyKind: state.bodyKind,
      reviewerId: state.reviewerId,
      addressedTo: state.addressedTo,
      category: state.category,
      serviceCode: state.serviceCode,
      month: registeredOn.slice(0, 7),
      documents: [state.document.sha256],
    }),
    opened,
  ];
  const rule = context.rulebook.rules[reviewRule];
  const due = `${ddmmyyyy(deadline.dueDate)} 23:59`;
  const category = CATEGORY_NAMES[state.category];
  const messages: OutboxMessage[] =
    context.recipients.reviewer.length === 0
      ? []
      : [
          {
            messageId: `${state.id}:registered`,
            purpose: 'complaint-registered',
            to: [...new Set(context.recipients.reviewer)],
            subject: `1414 БКО: шағым ${state.portalNumber} тіркелді / ЕКЦ 1414: зарегистрирована жалоба ${state.portalNumber}`,
            text:
              `Электрондық үкімет порталының форумы арқылы «${state.serviceName}» (${state.serviceCode}) қызметі бойынша шағым ${state.portalNumber} ` +
              `${ddmmyyyy(registeredOn)} тіркелді (${category.kk}). Оны ${due} дейін қарау керек (${rule.value} жұмыс күні, «Мемлекеттік көрсетілетін қызметтер туралы» Заңның 25-бабы). ` +
              `Нәтижесін БКО-ға хабарлаңыз.` +
              `\n\n* * *\n\n` +
              `Через форум портала электронного правительства по услуге «${state.serviceName}» (${state.serviceCode}) ${ddmmyyyy(registeredOn)} зарегистрирована жалоба ` +
              `${state.portalNumber} (${category.ru}). Срок рассмотрения — до ${due} (${rule.value} рабочих дней, статья 25 Закона «О государственных услугах»). ` +
              `Сообщите результат рассмотрения в ЕКЦ.` +
              footer(state),
          },
        ];
  return { state, events, messages };
}

/**
 * The reviewer's outcome: the review period closes, met or missed by now. Missed is a violation
 * of the legal review period, named by its deadline, so that the deadline monitor's breach of the
 * same period (if it ran first) and this one are one violation.
 */
export function resolveComplaint(
  state: Complaint,
  input: { decision: ComplaintDecision; summary: string; attachments: StoredDocument[] },
  context: ComplaintContext,
): ComplaintOutcome {
  if (state.status !== 'open') throw new StateConflictError(`The complaint is ${state.status}; its outcome is recorded once`, { currentStatus: state.status });
  const nowIso = context.now.toISOString();
  const review = reviewDeadlineOf(state);
  const { deadlines, event: closed } = closeCaseDeadline(state.deadlines, state.reviewRule, nowIso, state.reviewerId, aggregate(state), context);
  const inTime = review === undefined || Date.parse(nowIso) <= Date.parse(review.dueAt);
  const next: Complaint = {
    ...state,
    status: 'resolved',
    deadlines,
    outcome: { ...input, at: nowIso, by: context.actor, inTime },
    version: state.version + 1,
  };
  const events: DomainEvent[] = [
    domainEvent('ComplaintResolved', aggregate(state), context.actor, nowIso, {
      bodyId: state.bodyId,
      reviewerId: state.reviewerId,
      decision: input.decision,
      inTime,
      documents: input.attachments.map((document) => document.sha256),
    }),
    ...(closed === undefined ? [] : [closed]),
  ];
  if (!inTime && review !== undefined) {
    events.push(
      domainEvent(VIOLATION_EVENT, { type: 'Body', id: state.reviewerId }, context.actor, nowIso, {
        bodyId: state.reviewerId,
        rule: review.key,
        cite: review.cite,
        dueAt: review.dueAt,
        // The moment the period ran out, as the monitor's breach has it.
        occurredAt: new Date(Date.parse(review.dueAt) + 1).toISOString(),
        subject: { kind: 'complaint', id: state.id, deadlineId: review.id },
        violationId: breachViolationId(review.id),
      }),
    );
  }
  const decision = DECISION_NAMES[input.decision];
  const messages: OutboxMessage[] =
    context.recipients.uccEmail === undefined
      ? []
      : [
          {
            messageId: `${state.id}:resolved`,
            purpose: 'complaint-resolved',
            to: [context.recipients.uccEmail],
            subject: `1414 БКО: шағым ${state.portalNumber} қаралды / ЕКЦ 1414: жалоба ${state.portalNumber} рассмотрена`,
            text:
              `Шағым ${state.portalNumber} («${state.serviceName}», ${state.serviceCode}) ${decision.kk}${inTime ? '' : ', заңда белгіленген қарау мерзімі бұзылды'}.\n\n${input.summary}` +
              `\n\n* * *\n\n` +
              `Жалоба ${state.portalNumber} («${state.serviceName}», ${state.serviceCode}) ${decision.ru}${inTime ? '' : '; нарушен установленный законом срок рассмотрения'}.\n\n${input.summary}` +
              footer(state),
          },
        ];
  return { state: next, events, messages };
}

/** After a calendar change: the open review period recomputed from its start; undefined when it did not move. */
export function recountComplaintDeadlines(state: Complaint, deadlineIds: readonly string[], context: DeadlineContext): ComplaintOutcome | undefined {
  const { deadlines, events } = recountCaseDeadlines(state.deadlines, deadlineIds, subjectOf(state), aggregate(state), state.version + 1, context);
  if (events.length === 0) return undefined;
  return { state: { ...state, deadlines, version: state.version + 1 }, events, messages: [] };
}

/**
 * What the operator tells the recipient (§17): the period, where it comes from, and its due date
 * with the days counted and skipped.
 */
export function reviewPeriodOf(state: Complaint, rulebook: Rulebook, now: Date) {
  const review = reviewDeadlineOf(state);
  const rule = rulebook.rules[state.reviewRule];
  return {
    rule: state.reviewRule,
    workingDays: rule.value,
    cite: rule.cite,
    description: rule.description,
    rulebookId: rulebook.id,
    registeredOn: state.registeredOn,
    ...(review === undefined
      ? {}
      : {
          dueDate: review.dueDate,
          dueAt: review.dueAt,
          status: review.status,
          overdue: review.status === 'open' ? now.getTime() > Date.parse(review.dueAt) : review.status === 'missed',
          derivation: review.derivation,
        }),
  };
}

/**
 * Who records the outcome: the body complained about, for a complaint addressed to it (its own
 * body/provider clients); the quality authority, for one addressed to it; the UCC's admin for
 * either. 'hidden' for a body-bound client of another body (the same as a missing complaint).
 */
export function outcomeAccess(state: Pick<Complaint, 'bodyId' | 'addressedTo'>, principal: { role: string; bodyId?: string | undefined }): 'allowed' | 'hidden' | 'forbidden' {
  if (principal.role === 'ucc_admin') return 'allowed';
  if (principal.role === 'body' || principal.role === 'provider') {
    if (principal.bodyId !== state.bodyId) return 'hidden';
    return state.addressedTo === 'service_provider' ? 'allowed' : 'forbidden';
  }
  if (principal.role === 'quality_authority') return state.addressedTo === 'quality_authority' ? 'allowed' : 'forbidden';
  return 'forbidden';
}
