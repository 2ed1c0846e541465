import * as z from 'zod';
import { serviceCodeSchema } from '../acceptance/acceptance.ts';
import { text, wellFormedText } from '../text.ts';

/**
 * §15–§16: service providers enter service-stage data; when a recipient calls, the UCC tells
 * them the stage their public service is at. One stage event says that an application (as the
 * provider numbers it, unique per body) reached a stage at an instant.
 *
 * The stage is a closed list, not an open code: an operator says it to a citizen in Kazakh or
 * Russian in the same words whichever of hundreds of provider systems sent it, so each code has
 * its labels here; a code the list lacks is refused (naming the allowed ones) instead of shown
 * raw. What a provider has to add goes in the free-text `note` and in `details`. The order of the
 * list is the life of an application, and breaks ties between events of one instant.
 */
export const SERVICE_STAGES = ['received', 'forwarded', 'in_review', 'suspended', 'result_ready', 'refused', 'issued', 'withdrawn'] as const;
export type ServiceStage = (typeof SERVICE_STAGES)[number];

export interface StageLabel {
  kk: string;
  ru: string;
  en: string;
}

/** What the operator reads out (§15). */
export const STAGE_LABELS: Readonly<Record<ServiceStage, StageLabel>> = {
  received: { kk: 'Өтініш қабылданды', ru: 'Заявка принята', en: 'Application received' },
  forwarded: { kk: 'Басқа органға жіберілді', ru: 'Направлена в другой орган', en: 'Forwarded to another body' },
  in_review: { kk: 'Қаралуда', ru: 'На рассмотрении', en: 'Under review' },
  suspended: { kk: 'Тоқтатыла тұрды', ru: 'Приостановлена', en: 'Suspended' },
  result_ready: { kk: 'Нәтиже беруге дайын', ru: 'Результат готов к выдаче', en: 'Result ready for collection' },
  refused: { kk: 'Дәлелді бас тарту', ru: 'Мотивированный отказ', en: 'Refused (with reasons)' },
  issued: { kk: 'Нәтиже берілді', ru: 'Результат выдан', en: 'Result issued' },
  withdrawn: { kk: 'Өтініш кері қайтарылды', ru: 'Заявка отозвана', en: 'Withdrawn by the applicant' },
};

/** Stages after which nothing more is expected (the operator says the service is over). */
export const FINAL_STAGES: ReadonlySet<ServiceStage> = new Set(['refused', 'issued', 'withdrawn']);

const rankOf = (stage: ServiceStage): number => SERVICE_STAGES.indexOf(stage);

/**
 * An application number as the provider gives it. It travels in a URL path
 * (`/v1/bodies/{id}/applications/{applicationNumber}`) and in a key, hence ASCII letters,
 * digits, `.`, `_` and `-`; case is kept (two numbers differing in case are two applications).
 */
export const applicationNumberSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be an application number: 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit');

const MAX_DETAILS = 20;
const MAX_DETAILS_CHARS = 1024;

/** An ISO-8601 instant with an offset, to the millisecond at most, normalised to UTC (the event's identity uses it). */
export const instantSchema = z.iso
  .datetime({ offset: true, error: 'must be an ISO-8601 instant with an offset, e.g. 2026-03-20T15:00:00+05:00' })
  .refine((value) => !/\.\d{4,}/.test(value), 'must be precise to the millisecond at most')
  .transform((value) => new Date(value).toISOString())
  .refine((value) => value >= '2000-01-01T00:00:00.000Z', 'must not be before 2000');

/**
 * Provider-specific facts about the event (a reference, an office, a count): flat, small
 * (the look-up reads up to HISTORY_LIMIT events in one page). May hold personal data: never logged.
 */
const detailsSchema = z
  .record(z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, 'must be a name of 1-64 letters, digits, "_", "." or "-"'), z.union([wellFormedText(500), z.number(), z.boolean()]))
  .refine((details) => Object.keys(details).length <= MAX_DETAILS, `must have at most ${MAX_DETAILS} members`)
  .refine((details) => JSON.stringify(details).length <= MAX_DETAILS_CHARS, `must be at most ${MAX_DETAILS_CHARS} characters as JSON`);

export const stageEventSchema = z.strictObject({
  applicationNumber: applicationNumberSchema,
  serviceCode: serviceCodeSchema,
  stage: z.enum(SERVICE_STAGES, { error: `must be one of ${SERVICE_STAGES.join(', ')}` }),
  occurredAt: instantSchema,
  note: text(500).optional(),
  details: detailsSchema.optional(),
});
export type StageEventInput = z.output<typeof stageEventSchema>;

/** A recorded stage event: what the provider sent (occurredAt normalised) and who recorded it when. */
export interface StageEvent extends StageEventInput {
  bodyId: string;
  recordedAt: string;
  /** The API client that sent it. */
  recordedBy: string;
}

/**
 * The event's identity within its application: the instant and the stage (the same stage at the
 * same instant again is the same event). Its text sorts as the events are ordered: by instant,
 * then by the stage's place in the life of an application.
 */
export const stageEventId = (event: Pick<StageEventInput, 'occurredAt' | 'stage'>): string =>
  `${event.occurredAt}#${String(rankOf(event.stage)).padStart(2, '0')}#${event.stage}`;

/** Oldest first: by instant, ties by the stage's place in SERVICE_STAGES (so the current stage never depends on arrival order). */
export function compareStageEvents(a: Pick<StageEventInput, 'occurredAt' | 'stage'>, b: Pick<StageEventInput, 'occurredAt' | 'stage'>): number {
  if (a.occurredAt !== b.occurredAt) return a.occurredAt < b.occurredAt ? -1 : 1;
  return rankOf(a.stage) - rankOf(b.stage);
}

/** How many events of one application a look-up returns (the latest ones); real applications pass a handful of stages. */
export const HISTORY_LIMIT = 100;

export interface StageView {
  stage: ServiceStage;
  label: StageLabel;
  final: boolean;
  occurredAt: string;
  note?: string | undefined;
  details?: Record<string, string | number | boolean> | undefined;
  recordedAt: string;
  recordedBy: string;
}

export interface ApplicationView {
  bodyId: string;
  applicationNumber: string;
  serviceCode: string;
  /** The event with the latest occurredAt (ties: the later stage in SERVICE_STAGES). */
  current: StageView;
  /** Oldest first. */
  history: StageView[];
  /** False when the application has more than HISTORY_LIMIT events: history then holds the latest ones. */
  historyComplete: boolean;
}

const viewOf = (event: StageEvent): StageView => ({
  stage: event.stage,
  label: STAGE_LABELS[event.stage],
  final: FINAL_STAGES.has(event.stage),
  occurredAt: event.occurredAt,
  note: event.note,
  details: event.details,
  recordedAt: event.recordedAt,
  recordedBy: event.recordedBy,
});

/**
 * §15: what the UCC tells the recipient: the current stage and the history, whatever order the
 * events arrived or were read in. Undefined for an application with no events.
 */
export function applicationView(events: readonly StageEvent[], historyComplete = true): ApplicationView | undefined {
  const ordered = [...events].sort(compareStageEvents);
  const current = ordered.at(-1);
  if (current === undefined) return undefined;
  return {
    bodyId: current.bodyId,
    applicationNumber: current.applicationNumber,
    serviceCode: current.serviceCode,
    current: viewOf(current),
    history: ordered.map(viewOf),
    historyComplete,
  };
}
