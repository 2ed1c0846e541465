import * as z from 'zod';
import { documentSchema, isoDateSchema, type DeadlineRecord, type StoredDocument } from '../acceptance/acceptance.ts';
import { toAlmatyDate } from '../calendar/local-date.ts';
import { closeCaseDeadline, openCaseDeadline, recountCaseDeadlines, type DeadlineContext } from '../deadlines/case-deadline.ts';
import type { DeadlineSubject } from '../deadlines/monitored-deadline.ts';
import { InvalidInputError, StateConflictError } from '../errors.ts';
import { domainEvent } from '../events.ts';
import type { DomainEvent, OutboxMessage } from '../ports.ts';
import { text } from '../text.ts';
import { bodyIdSchema } from '../values.ts';

/**
 * The quality authority's cases with the UCC: a reporting discrepancy the UCC must explain
 * "immediately" (§20; rulebook: 1 working day), and a written request to train the
 * authority's staff (§19; rulebook: 10 working days). Both are the UCC's own deadlines,
 * watched by the deadline monitor like the bodies'.
 */
export const registerDiscrepancySchema = z
  .strictObject({
    bodyId: bodyIdSchema,
    /** The reporting period: a month or a quarter. */
    period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/, 'must be a month YYYY-MM or a quarter YYYY-Qn'),
    indicator: text(500),
    bodyFigure: z.number().finite(),
    uccFigure: z.number().finite(),
    note: text(2000).exactOptional(),
  })
  .superRefine((value, context) => {
    if (value.bodyFigure === value.uccFigure) context.addIssue({ code: 'custom', path: ['uccFigure'], message: 'equals bodyFigure: there is no discrepancy' });
  });

export const explanationSchema = z.strictObject({ explanation: text(8000), attachments: z.array(documentSchema).max(3).exactOptional() });

export const trainingRequestSchema = z.strictObject({
  topic: text(1000),
  participants: z.number().int().min(1).max(500).optional(),
  preferredDates: z.array(isoDateSchema).max(10).optional(),
});
export const trainingScheduleSchema = z.strictObject({ scheduledOn: isoDateSchema });
export const trainingHeldSchema = z.strictObject({
  heldOn: isoDateSchema,
  participants: z.array(z.strictObject({ fullName: text(200), position: text(300).exactOptional() })).min(1).max(500),
});

export interface Discrepancy {
  id: string;
  bodyId: string;
  period: string;
  indicator: string;
  bodyFigure: number;
  uccFigure: number;
  note?: string;
  status: 'open' | 'explained';
  rulebookId: string;
  registeredAt: string;
  registeredBy: string;
  deadlines: DeadlineRecord[];
  explanation?: { text: string; attachments: StoredDocument[]; at: string; by: string };
  version: number;
}

export interface QaTraining {
  id: string;
  /** The quality authority (its BIN). */
  bodyId: string;
  topic: string;
  participants?: number;
  preferredDates?: string[];
  status: 'requested' | 'scheduled' | 'held';
  rulebookId: string;
  requestedAt: string;
  requestedBy: string;
  scheduledOn?: string;
  held?: { heldOn: string; participants: { fullName: string; position?: string }[]; recordedAt: string; recordedBy: string };
  deadlines: DeadlineRecord[];
  version: number;
}

export interface CaseContext extends DeadlineContext {
  recipients: { uccEmail?: string | undefined; authorityEmail?: string | undefined };
}

export interface CaseOutcome<T> {
  state: T;
  events: DomainEvent[];
  messages: OutboxMessage[];
}

const subjectOf = (type: 'discrepancy' | 'qaTraining', state: { id: string; bodyId: string }): DeadlineSubject => ({ type, id: state.id, bodyId: state.bodyId });
const aggregateOf = (type: string, state: { id: string }) => ({ type, id: state.id });
const ddmmyyyy = (date: string): string => `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;

function mail(id: string, purpose: string, to: string | undefined, subject: { kk: string; ru: string }, body: { kk: string; ru: string }, documents: StoredDocument[] = []): OutboxMessage[] {
  if (to === undefined) return [];
  return [
    {
      messageId: `${id}:${purpose}`,
      purpose,
      to: [to],
      subject: `${subject.kk} / ${subject.ru}`,
      text: `${body.kk}\n\n* * *\n\n${body.ru}\n\n—\nUCC Interop · ${id}`,
      ...(documents.length === 0 ? {} : { documents }),
    },
  ];
}

/** §20: the quality authority registers a case of discrepancy; the UCC's explanation is due at once (rulebook). */
export function registerDiscrepancy(
  spec: Omit<Discrepancy, 'status' | 'rulebookId' | 'registeredAt' | 'registeredBy' | 'deadlines' | 'version'>,
  context: CaseContext,
): CaseOutcome<Discrepancy> {
  const nowIso = context.now.toISOString();
  const state: Discrepancy = { ...spec, status: 'open', rulebookId: context.rulebook.id, registeredAt: nowIso, registeredBy: context.actor, deadlines: [], version: 1 };
  const aggregate = aggregateOf('Discrepancy', state);
  const { deadline, event } = openCaseDeadline('discrepancyExplanation', 'ucc', subjectOf('discrepancy', state), aggregate, context);
  state.deadlines.push(deadline);
  const events = [domainEvent('DiscrepancyRegistered', aggregate, context.actor, nowIso, { bodyId: state.bodyId, period: state.period }), event];
  const messages = mail(
    state.id,
    'discrepancy-registered',
    context.recipients.uccEmail,
    { kk: `1414 БКО: есептілік айырмашылығы ${state.period}`, ru: `ЕКЦ 1414: расхождение в отчетности за ${state.period}` },
    {
      kk: `Сапа органы айырмашылықты тіркеді: ${state.indicator} — орган ${state.bodyFigure}, БКО ${state.uccFigure} (орган ${state.bodyId}). Түсініктемені ${ddmmyyyy(deadline.dueDate)} дейін жіберіңіз (20-тармақ).`,
      ru: `Уполномоченный орган зарегистрировал расхождение: ${state.indicator} — орган ${state.bodyFigure}, ЕКЦ ${state.uccFigure} (орган ${state.bodyId}). Направьте объяснение до ${ddmmyyyy(deadline.dueDate)} (пункт 20).`,
    },
  );
  return { state, events, messages };
}

/** §20: the UCC's explanation of one case, e-mailed to the quality authority with its documents. */
export function explainDiscrepancy(state: Discrepancy, input: { explanation: string; attachments: StoredDocument[] }, context: CaseContext): CaseOutcome<Discrepancy> {
  if (state.status !== 'open') throw new StateConflictError(`The discrepancy is ${state.status}; it is explained once`, { currentStatus: state.status });
  const nowIso = context.now.toISOString();
  const aggregate = aggregateOf('Discrepancy', state);
  const { deadlines, event } = closeCaseDeadline(state.deadlines, 'discrepancyExplanation', nowIso, state.bodyId, aggregate, context);
  const next: Discrepancy = {
    ...state,
    status: 'explained',
    deadlines,
    explanation: { text: input.explanation, attachments: input.attachments, at: nowIso, by: context.actor },
    version: state.version + 1,
  };
  const events = [domainEvent('DiscrepancyExplained', aggregate, context.actor, nowIso, { bodyId: state.bodyId, documents: input.attachments.map((document) => document.sha256) }), ...(event === undefined ? [] : [event])];
  const messages = mail(
    state.id,
    'discrepancy-explanation',
    context.recipients.authorityEmail,
    { kk: `1414 БКО: айырмашылық түсініктемесі ${state.period}`, ru: `ЕКЦ 1414: объяснение расхождения за ${state.period}` },
    {
      kk: `${state.indicator} (${state.period}, орган ${state.bodyId}): ${input.explanation}`,
      ru: `${state.indicator} (${state.period}, орган ${state.bodyId}): ${input.explanation}`,
    },
    input.attachments,
  );
  return { state: next, events, messages };
}

/** §19: the quality authority's written request to train its staff; the UCC's deadline starts. */
export function requestQaTraining(spec: Pick<QaTraining, 'id' | 'bodyId' | 'topic' | 'participants' | 'preferredDates'>, context: CaseContext): CaseOutcome<QaTraining> {
  const nowIso = context.now.toISOString();
  const state: QaTraining = {
    ...spec,
    status: 'requested',
    rulebookId: context.rulebook.id,
    requestedAt: nowIso,
    requestedBy: context.actor,
    deadlines: [],
    version: 1,
  };
  const aggregate = aggregateOf('QaTraining', state);
  const { deadline, event } = openCaseDeadline('trainQualityAuthority', 'ucc', subjectOf('qaTraining', state), aggregate, context);
  state.deadlines.push(deadline);
  const events = [domainEvent('QaTrainingRequested', aggregate, context.actor, nowIso, { bodyId: state.bodyId }), event];
  const messages = mail(
    state.id,
    'qa-training-requested',
    context.recipients.uccEmail,
    { kk: '1414 БКО: сапа органының оқыту туралы сұрауы', ru: 'ЕКЦ 1414: запрос уполномоченного органа об обучении' },
    {
      kk: `Тақырып: ${state.topic}. Оқытуды ${ddmmyyyy(deadline.dueDate)} дейін өткізіңіз (19-тармақ).`,
      ru: `Тема: ${state.topic}. Проведите обучение до ${ddmmyyyy(deadline.dueDate)} (пункт 19).`,
    },
  );
  return { state, events, messages };
}

/** The UCC sets the day: a working day, today or later; the authority is told. */
export function scheduleQaTraining(state: QaTraining, scheduledOn: string, context: CaseContext): CaseOutcome<QaTraining> {
  if (state.status === 'held') throw new StateConflictError('The training was held already', { currentStatus: state.status });
  if (scheduledOn < toAlmatyDate(context.now)) throw new InvalidInputError([{ field: 'body.scheduledOn', message: 'must be today or later' }]);
  if (!context.calendar.isWorkingDay(scheduledOn)) throw new InvalidInputError([{ field: 'body.scheduledOn', message: 'must be a working day' }]);
  const nowIso = context.now.toISOString();
  const aggregate = aggregateOf('QaTraining', state);
  const next: QaTraining = { ...state, status: 'scheduled', scheduledOn, version: state.version + 1 };
  const events = [domainEvent('QaTrainingScheduled', aggregate, context.actor, nowIso, { bodyId: state.bodyId, scheduledOn })];
  const messages = mail(
    `${state.id}:v${next.version}`,
    'qa-training-scheduled',
    context.recipients.authorityEmail,
    { kk: `1414 БКО: оқыту күні ${ddmmyyyy(scheduledOn)}`, ru: `ЕКЦ 1414: обучение назначено на ${ddmmyyyy(scheduledOn)}` },
    { kk: `«${state.topic}» тақырыбындағы оқыту ${ddmmyyyy(scheduledOn)} өтеді.`, ru: `Обучение на тему «${state.topic}» состоится ${ddmmyyyy(scheduledOn)}.` },
  );
  return { state: next, events, messages };
}

/** The training was held: the deadline closes met or missed by the day it was held (not the day it was recorded). */
export function recordQaTrainingHeld(state: QaTraining, input: z.output<typeof trainingHeldSchema>, context: CaseContext): CaseOutcome<QaTraining> {
  if (state.status === 'held') throw new StateConflictError('The training was held already', { currentStatus: state.status });
  if (input.heldOn > toAlmatyDate(context.now)) throw new InvalidInputError([{ field: 'body.heldOn', message: 'must not be in the future' }]);
  if (input.heldOn < toAlmatyDate(new Date(state.requestedAt))) {
    throw new InvalidInputError([{ field: 'body.heldOn', message: 'must not be before the request' }]);
  }
  const nowIso = context.now.toISOString();
  const aggregate = aggregateOf('QaTraining', state);
  const { deadlines, event } = closeCaseDeadline(state.deadlines, 'trainQualityAuthority', input.heldOn, state.bodyId, aggregate, context);
  const next: QaTraining = { ...state, status: 'held', deadlines, held: { ...input, recordedAt: nowIso, recordedBy: context.actor }, version: state.version + 1 };
  const events = [
    domainEvent('QaTrainingHeld', aggregate, context.actor, nowIso, { bodyId: state.bodyId, heldOn: input.heldOn, participants: input.participants.length }),
    ...(event === undefined ? [] : [event]),
  ];
  return { state: next, events, messages: [] };
}

/** After a calendar change: a case's open deadlines recounted; undefined when none moved. */
export function recountCase<T extends { id: string; bodyId: string; deadlines: DeadlineRecord[]; version: number }>(
  type: 'discrepancy' | 'qaTraining',
  state: T,
  deadlineIds: readonly string[],
  context: DeadlineContext,
): CaseOutcome<T> | undefined {
  const aggregate = aggregateOf(type === 'discrepancy' ? 'Discrepancy' : 'QaTraining', state);
  const { deadlines, events } = recountCaseDeadlines(state.deadlines, deadlineIds, subjectOf(type, state), aggregate, state.version + 1, context);
  if (events.length === 0) return undefined;
  return { state: { ...state, deadlines, version: state.version + 1 }, events, messages: [] };
}
