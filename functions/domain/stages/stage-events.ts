import { batchItemField, FUTURE_TOLERANCE_MS, parseBatchItems } from '../batch-items.ts';
import type { FieldIssue } from '../errors.ts';
import { stageEventId, stageEventSchema, type StageEvent, type StageEventInput } from './service-stage.ts';

/**
 * §16 intake, pure: each event of a push is checked and answered on its own — accepted, a
 * duplicate of one already recorded (or earlier in the same push), or rejected naming its
 * fields — so one bad event never holds back the others.
 */
export const MAX_BATCH_EVENTS = 500;

export type ParsedItem = { index: number; event: StageEventInput } | { index: number; errors: FieldIssue[] };

/** Each item against the event schema; a bad one becomes its field errors, prefixed by `fieldOf(index)`. */
export const parseStageItems = (items: readonly unknown[], fieldOf?: (index: number) => string): ParsedItem[] =>
  parseBatchItems(stageEventSchema, 'event', items, fieldOf);

/** The identity of an event across applications of one body: application number, then the event id. */
export const stageEventKey = (event: Pick<StageEventInput, 'applicationNumber' | 'occurredAt' | 'stage'>): string =>
  `${event.applicationNumber}\n${stageEventId(event)}`;

/** What the store holds already for the applications and events of a push. */
export interface StoredStageState {
  /** The service code each stored application is for. */
  applications: ReadonlyMap<string, string>;
  /** Stored events by stageEventKey. */
  events: ReadonlyMap<string, StageEvent>;
}

export type ItemOutcome =
  | { index: number; outcome: 'accepted'; event: StageEvent }
  | { index: number; outcome: 'duplicate'; event: StageEvent }
  /** `conflict`: well-formed, but at odds with what is stored (the application is for another service). */
  | { index: number; outcome: 'rejected'; errors: FieldIssue[]; conflict?: true };

export interface NewApplication {
  bodyId: string;
  applicationNumber: string;
  serviceCode: string;
  createdAt: string;
}

export interface StagePlan {
  outcomes: ItemOutcome[];
  /** The events to write (accepted ones), each once. */
  events: StageEvent[];
  /** Applications seen for the first time: their service code is fixed from now on. */
  applications: NewApplication[];
}

export interface IntakeContext {
  bodyId: string;
  actor: string;
  now: Date;
  fieldOf?: ((index: number) => string) | undefined;
}

/**
 * Answers each parsed item against the stored state and the items before it: an event whose
 * identity (application, stage, instant) is stored or came earlier in the push is a duplicate
 * and changes nothing (the first one stands); an application keeps the service code it was
 * first recorded with; an instant beyond FUTURE_TOLERANCE_MS from now is refused.
 */
export function planStageEvents(items: readonly ParsedItem[], stored: StoredStageState, context: IntakeContext): StagePlan {
  const fieldOf = context.fieldOf ?? batchItemField;
  const recordedAt = context.now.toISOString();
  const latestAllowed = new Date(context.now.getTime() + FUTURE_TOLERANCE_MS).toISOString();
  const services = new Map(stored.applications);
  const seen = new Map(stored.events);
  const plan: StagePlan = { outcomes: [], events: [], applications: [] };
  for (const item of items) {
    if ('errors' in item) {
      plan.outcomes.push({ index: item.index, outcome: 'rejected', errors: item.errors });
      continue;
    }
    const input = item.event;
    if (input.occurredAt > latestAllowed) {
      plan.outcomes.push({ index: item.index, outcome: 'rejected', errors: [{ field: `${fieldOf(item.index)}.occurredAt`, message: 'must not be in the future' }] });
      continue;
    }
    const key = stageEventKey(input);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      plan.outcomes.push({ index: item.index, outcome: 'duplicate', event: earlier });
      continue;
    }
    const service = services.get(input.applicationNumber);
    if (service !== undefined && service !== input.serviceCode) {
      plan.outcomes.push({
        index: item.index,
        outcome: 'rejected',
        conflict: true,
        errors: [{ field: `${fieldOf(item.index)}.serviceCode`, message: `application ${input.applicationNumber} is for service ${service}` }],
      });
      continue;
    }
    if (service === undefined) {
      services.set(input.applicationNumber, input.serviceCode);
      plan.applications.push({ bodyId: context.bodyId, applicationNumber: input.applicationNumber, serviceCode: input.serviceCode, createdAt: recordedAt });
    }
    const event: StageEvent = { ...input, bodyId: context.bodyId, recordedAt, recordedBy: context.actor };
    seen.set(key, event);
    plan.events.push(event);
    plan.outcomes.push({ index: item.index, outcome: 'accepted', event });
  }
  return plan;
}
