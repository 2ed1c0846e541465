import * as z from 'zod';
import { documentSchema, serviceCodeSchema, type DeadlineRecord, type StoredDocument } from '../acceptance/acceptance.ts';
import { toAlmatyDate } from '../calendar/local-date.ts';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import { closeCaseDeadline, openCaseDeadline, recountCaseDeadlines } from '../deadlines/case-deadline.ts';
import { StateConflictError } from '../errors.ts';
import { domainEvent } from '../events.ts';
import type { DomainEvent, OutboxMessage } from '../ports.ts';
import type { Rulebook } from '../rulebook/rulebook.ts';
import { text } from '../text.ts';
import { bodyIdSchema } from '../values.ts';
import { definedMembers } from '../defined-members.ts';

/**
 * A UCC request for information or explanations (§10) to one body, about one of its services
 * or in general; the body answers (§11.2: oral consultations and telephone explanations are
 * logged as answers too) or refuses. A refusal on the grounds of a state, commercial or other
 * legally protected secret is lawful (§11.1); any other refusal is not. Every refusal counts
 * towards §12 (several in one month: the quality authority is told).
 */
export const REFUSAL_GROUNDS = ['state_secret', 'commercial_secret', 'other_protected_secret', 'other'] as const;
export type RefusalGround = (typeof REFUSAL_GROUNDS)[number];
/** §11.1: the secrets a body may withhold. */
export const LAWFUL_GROUNDS: readonly RefusalGround[] = ['state_secret', 'commercial_secret', 'other_protected_secret'];
export const ANSWER_CHANNELS = ['written', 'oral', 'phone'] as const;

const attachments = z.array(documentSchema).max(3).exactOptional();

export const openInformationRequestSchema = z.strictObject({
  bodyId: bodyIdSchema,
  serviceCode: serviceCodeSchema.exactOptional(),
  question: text(4000),
  attachments,
});

export const answerSchema = z.strictObject({
  /** §11.2: an oral consultation or a telephone explanation is logged as an answer. */
  channel: z.enum(ANSWER_CHANNELS).default('written'),
  text: text(8000),
  attachments,
});

export const refusalSchema = z.strictObject({
  ground: z.enum(REFUSAL_GROUNDS),
  justification: text(4000),
  attachments,
});

export type InformationRequestStatus = 'open' | 'answered' | 'refused';

export interface InformationRequest {
  id: string;
  bodyId: string;
  serviceCode?: string;
  question: string;
  attachments: StoredDocument[];
  status: InformationRequestStatus;
  rulebookId: string;
  askedAt: string;
  askedBy: string;
  deadlines: DeadlineRecord[];
  answer?: { channel: (typeof ANSWER_CHANNELS)[number]; text: string; attachments: StoredDocument[]; at: string; by: string };
  refusal?: { ground: RefusalGround; lawful: boolean; justification: string; attachments: StoredDocument[]; at: string; by: string; month: string };
  /** Idempotency keys of the latest commands: a retried answer or refusal finds its result. */
  appliedKeys: string[];
  version: number;
}

export interface RequestContext {
  now: Date;
  actor: string;
  calendar: WorkingCalendar;
  rulebook: Rulebook;
  /** The body's address and its responsible person (§5, §7) for the service, else body-wide. */
  recipients: { bodyEmail: string; responsibleEmail?: string | undefined; uccEmail?: string | undefined };
}

export interface RequestOutcome {
  state: InformationRequest;
  events: DomainEvent[];
  messages: OutboxMessage[];
}

export const informationRequestNotFound = (id: string): string => `No information request with id ${id}`;

const aggregate = (state: Pick<InformationRequest, 'id'>) => ({ type: 'InformationRequest', id: state.id });
const subjectOf = (state: InformationRequest) => ({
  type: 'informationRequest' as const,
  id: state.id,
  bodyId: state.bodyId,
  ...definedMembers({ serviceCode: state.serviceCode }),
});
const ddmmyyyy = (date: string): string => `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
const footer = (state: InformationRequest) =>
  `\n\n—\nUCC Interop · information request ${state.id} · ${state.bodyId}\nБұл хат автоматты түрде жіберілді. / Это письмо отправлено автоматически.`;
const about = (state: InformationRequest) =>
  state.serviceCode === undefined ? { kk: '', ru: '' } : { kk: ` (${state.serviceCode} қызметі)`, ru: ` (услуга ${state.serviceCode})` };

/** §10: the UCC asks; the answer is due in the rulebook's working days, watched by the deadline monitor. */
export function openInformationRequest(
  spec: { id: string; bodyId: string; serviceCode?: string; question: string; attachments: StoredDocument[] },
  context: RequestContext,
): RequestOutcome {
  const nowIso = context.now.toISOString();
  const state: InformationRequest = {
    ...spec,
    status: 'open',
    rulebookId: context.rulebook.id,
    askedAt: nowIso,
    askedBy: context.actor,
    deadlines: [],
    appliedKeys: [],
    version: 1,
  };
  const { deadline, event: opened } = openCaseDeadline('answerInformationRequest', 'body', subjectOf(state), aggregate(state), context);
  state.deadlines.push(deadline);
  const data = { bodyId: state.bodyId, ...definedMembers({ serviceCode: state.serviceCode }) };
  const events = [domainEvent('InformationRequested', aggregate(state), context.actor, nowIso, { ...data, attachments: state.attachments.length, documents: state.attachments.map((document) => document.sha256) }), opened];
  const to = [context.recipients.bodyEmail, ...(context.recipients.responsibleEmail === undefined ? [] : [context.recipients.responsibleEmail])];
  const due = `${ddmmyyyy(deadline.dueDate)} 23:59`;
  const messages: OutboxMessage[] = [
    {
      messageId: `${state.id}:request:v1`,
      purpose: 'information-request',
      to: [...new Set(to)],
      subject: `1414 БКО: ақпарат сұрауы${about(state).kk} / ЕКЦ 1414: запрос информации${about(state).ru}`,
      text:
        `Бірыңғай байланыс орталығы (1414) қызмет алушыларға жауап беру үшін ақпарат пен түсініктеме сұрайды (Қағидалардың 10-тармағы):\n\n${state.question}\n\n` +
        `Жауапты ${due} дейін беріңіз. Мемлекеттік, коммерциялық немесе заңмен қорғалатын өзге құпияны құрайтын мәліметтерден басқа (11-тармақ).` +
        `\n\n* * *\n\n` +
        `Единый контакт-центр (1414) запрашивает информацию и разъяснения для ответа получателям услуг (пункт 10 Правил):\n\n${state.question}\n\n` +
        `Ответьте до ${due}, за исключением сведений, составляющих государственную, коммерческую или иную охраняемую законом тайну (пункт 11).` +
        footer(state),
      ...(state.attachments.length === 0 ? {} : { documents: state.attachments }),
    },
  ];
  return { state, events, messages };
}

const closeAnswerDeadline = (state: InformationRequest, context: RequestContext) =>
  closeCaseDeadline(state.deadlines, 'answerInformationRequest', context.now.toISOString(), state.bodyId, aggregate(state), context);

const assertOpen = (state: InformationRequest, action: string) => {
  if (state.status !== 'open') {
    throw new StateConflictError(`The information request is ${state.status}; it cannot be ${action} again`, { currentStatus: state.status });
  }
};

const toUcc = (state: InformationRequest, context: RequestContext, purpose: string, subject: { kk: string; ru: string }, body: { kk: string; ru: string }): OutboxMessage[] =>
  context.recipients.uccEmail === undefined
    ? []
    : [
        {
          messageId: `${state.id}:${purpose}:v${state.version}`,
          purpose,
          to: [context.recipients.uccEmail],
          subject: `${subject.kk} / ${subject.ru}`,
          text: `${body.kk}\n\n* * *\n\n${body.ru}${footer(state)}`,
        },
      ];

/** §11: the body's answer (written; or an oral consultation or telephone explanation, §11.2, logged). */
export function answerInformationRequest(
  state: InformationRequest,
  input: { channel: (typeof ANSWER_CHANNELS)[number]; text: string; attachments: StoredDocument[] },
  context: RequestContext,
): RequestOutcome {
  assertOpen(state, 'answered');
  const nowIso = context.now.toISOString();
  const { deadlines, event } = closeAnswerDeadline(state, context);
  const next: InformationRequest = { ...state, status: 'answered', deadlines, answer: { ...input, at: nowIso, by: context.actor }, version: state.version + 1 };
  const events = [
    domainEvent('InformationRequestAnswered', aggregate(state), context.actor, nowIso, { bodyId: state.bodyId, channel: input.channel, documents: input.attachments.map((document) => document.sha256) }),
    ...(event === undefined ? [] : [event]),
  ];
  const messages = toUcc(
    next,
    context,
    'information-answer',
    { kk: `1414 БКО: сұрауға жауап ${state.id}`, ru: `ЕКЦ 1414: ответ на запрос ${state.id}` },
    { kk: `Орган ${state.bodyId} сұрауға жауап берді:\n\n${input.text}`, ru: `Орган ${state.bodyId} ответил на запрос:\n\n${input.text}` },
  );
  return { state: next, events, messages };
}

/**
 * A refusal: lawful only on the grounds §11.1 names. Either way it is a response (the answer
 * deadline closes), it counts towards §12 in its calendar month (Asia/Almaty), and an unlawful
 * one goes on the body's compliance record (§21).
 */
export function refuseInformationRequest(
  state: InformationRequest,
  input: { ground: RefusalGround; justification: string; attachments: StoredDocument[] },
  context: RequestContext,
): RequestOutcome {
  assertOpen(state, 'refused');
  const nowIso = context.now.toISOString();
  const lawful = LAWFUL_GROUNDS.includes(input.ground);
  const month = toAlmatyDate(context.now).slice(0, 7);
  const { deadlines, event } = closeAnswerDeadline(state, context);
  const refusal = { ...input, lawful, at: nowIso, by: context.actor, month };
  const next: InformationRequest = { ...state, status: 'refused', deadlines, refusal, version: state.version + 1 };
  const events = [
    domainEvent('InformationRefused', aggregate(state), context.actor, nowIso, {
      bodyId: state.bodyId,
      requestId: state.id,
      ground: input.ground,
      lawful,
      month,
      documents: input.attachments.map((document) => document.sha256),
      ...definedMembers({ serviceCode: state.serviceCode }),
    }),
    ...(event === undefined ? [] : [event]),
  ];
  if (!lawful) {
    events.push(
      domainEvent('ComplianceViolationRecorded', { type: 'Body', id: state.bodyId }, context.actor, nowIso, {
        bodyId: state.bodyId,
        rule: 'informationRefusal',
        cite: '§11',
        dueAt: state.deadlines.find((deadline) => deadline.key === 'answerInformationRequest')?.dueAt ?? nowIso,
        occurredAt: nowIso,
        subject: { kind: 'informationRequest', id: state.id, ground: input.ground },
      }),
    );
  }
  const messages = toUcc(
    next,
    context,
    'information-refusal',
    { kk: `1414 БКО: сұраудан бас тарту ${state.id}`, ru: `ЕКЦ 1414: отказ в предоставлении информации ${state.id}` },
    {
      kk: `Орган ${state.bodyId} ақпарат беруден бас тартты (${input.ground}${lawful ? ', 11.1-тармаққа сәйкес' : ''}):\n\n${input.justification}`,
      ru: `Орган ${state.bodyId} отказал в предоставлении информации (${input.ground}${lawful ? ', правомерно по пункту 11.1' : ''}):\n\n${input.justification}`,
    },
  );
  return { state: next, events, messages };
}

/** After a calendar change: the open answer deadline recomputed from its start; undefined when it did not move. */
export function recalculateRequestDeadlines(state: InformationRequest, deadlineIds: readonly string[], context: RequestContext): RequestOutcome | undefined {
  const { deadlines, events } = recountCaseDeadlines(state.deadlines, deadlineIds, subjectOf(state), aggregate(state), state.version + 1, context);
  if (events.length === 0) return undefined;
  return { state: { ...state, deadlines, version: state.version + 1 }, events, messages: [] };
}
