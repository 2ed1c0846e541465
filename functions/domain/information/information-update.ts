import * as z from 'zod';
import { informationSchema, MAX_INFORMATION_BYTES, type Information } from '../acceptance/acceptance.ts';
import { addWorkingDays, type DerivationStep } from '../calendar/compute-deadline.ts';
import { toAlmatyDate } from '../calendar/local-date.ts';
import { canonicalJson } from '../canonical-json.ts';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import { VIOLATION_EVENT } from '../directory/compliance.ts';
import { InvalidInputError, StateConflictError } from '../errors.ts';
import { domainEvent } from '../events.ts';
import type { DomainEvent, OutboxMessage } from '../ports.ts';
import type { Rulebook } from '../rulebook/rulebook.ts';
import { text } from '../text.ts';
import { bodyIdSchema, isoDateSchema } from '../values.ts';

/**
 * §6: when the information registered for a service changes, the responsible person sends the
 * update within 3 working days of the change. The UCC registers it as the next version of the
 * knowledge-base entry (consulting goes on from the registered version meanwhile), or returns
 * it with reasons. A late update is a violation on the body's compliance record (§21).
 */
const { serviceCode: _code, document: _document, ...changeable } = informationSchema.shape;
export const CHANGEABLE_FIELDS = Object.keys(changeable) as (keyof typeof changeable)[];

const changesSchema = z
  .strictObject(Object.fromEntries(Object.entries(changeable).map(([field, schema]) => [field, schema.optional()])) as { [K in keyof typeof changeable]: z.ZodOptional<(typeof changeable)[K]> })
  .refine((changes) => Object.values(changes).some((value) => value !== undefined), 'must change at least one field of the form')
  .refine((changes) => new TextEncoder().encode(JSON.stringify(changes)).length <= MAX_INFORMATION_BYTES, `must be at most ${MAX_INFORMATION_BYTES / 1024} KB`);

export const submitUpdateSchema = z.strictObject({
  bodyId: bodyIdSchema,
  serviceCode: informationSchema.shape.serviceCode,
  /** §6: the day the information changed; the update is due 3 working days later. */
  changedOn: isoDateSchema,
  changes: changesSchema,
});
export type SubmitUpdateInput = z.output<typeof submitUpdateSchema>;
export const returnUpdateSchema = z.strictObject({ reasons: z.array(text(2000)).min(1).max(20) });

export interface InformationUpdate {
  id: string;
  bodyId: string;
  serviceCode: string;
  changedOn: string;
  changes: Partial<Omit<Information, 'serviceCode' | 'document' | 'submittedAt' | 'submittedBy' | 'submission'>>;
  /** The knowledge-base version the update was made against. */
  baseVersion: number;
  status: 'submitted' | 'registered' | 'returned';
  submittedAt: string;
  submittedBy: string;
  /** §6 check of the submission. */
  notice: { dueAt: string; late: boolean; rule: { cite: string; workingDays: number; rulebookId: string }; derivation: DerivationStep[] };
  registered?: { at: string; by: string };
  returned?: { at: string; by: string; reasons: string[] };
  version: number;
}

export interface UpdateContext {
  now: Date;
  actor: string;
  calendar: WorkingCalendar;
  rulebook: Rulebook;
  recipients: { uccEmail?: string | undefined; responsibleEmail?: string | undefined; bodyEmail: string };
}

export interface UpdateOutcome {
  state: InformationUpdate;
  events: DomainEvent[];
  messages: OutboxMessage[];
}

const aggregate = (state: { id: string }) => ({ type: 'InformationUpdate', id: state.id });

/** §6: the update, checked against its 3 working days from the change. */
export function submitInformationUpdate(
  spec: { id: string; baseVersion: number } & SubmitUpdateInput,
  context: UpdateContext,
): UpdateOutcome {
  const now = context.now;
  if (spec.changedOn > toAlmatyDate(now)) throw new InvalidInputError([{ field: 'body.changedOn', message: 'must not be in the future' }]);
  const rule = context.rulebook.rules.updateInformation;
  // The period runs from the day of the change (Civil Code: counting starts the next day).
  const deadline = addWorkingDays(`${spec.changedOn}T12:00:00+05:00`, rule.value, context.calendar);
  const nowIso = now.toISOString();
  const late = now.getTime() > Date.parse(deadline.dueAt);
  const state: InformationUpdate = {
    id: spec.id,
    bodyId: spec.bodyId,
    serviceCode: spec.serviceCode,
    changedOn: spec.changedOn,
    changes: spec.changes as InformationUpdate['changes'],
    baseVersion: spec.baseVersion,
    status: 'submitted',
    submittedAt: nowIso,
    submittedBy: context.actor,
    notice: { dueAt: deadline.dueAt, late, rule: { cite: rule.cite, workingDays: rule.value, rulebookId: context.rulebook.id }, derivation: deadline.derivation },
    version: 1,
  };
  const events: DomainEvent[] = [
    domainEvent('InformationUpdateSubmitted', aggregate(state), context.actor, nowIso, {
      bodyId: state.bodyId,
      serviceCode: state.serviceCode,
      fields: Object.keys(state.changes),
      late,
    }),
  ];
  if (late) {
    events.push(
      domainEvent(VIOLATION_EVENT, { type: 'Body', id: state.bodyId }, context.actor, nowIso, {
        bodyId: state.bodyId,
        rule: 'updateInformation',
        cite: rule.cite,
        dueAt: deadline.dueAt,
        occurredAt: nowIso,
        subject: { kind: 'informationUpdate', id: state.id, serviceCode: state.serviceCode, changedOn: state.changedOn },
      }),
    );
  }
  const messages: OutboxMessage[] =
    context.recipients.uccEmail === undefined
      ? []
      : [
          {
            messageId: `${state.id}:submitted`,
            purpose: 'information-update',
            to: [context.recipients.uccEmail],
            subject: `1414 БКО: ақпарат жаңартылды ${state.serviceCode} / ЕКЦ 1414: обновление информации ${state.serviceCode}`,
            text:
              `${state.bodyId} органы ${state.serviceCode} қызметі бойынша ақпаратты жаңартты (6-тармақ): ${Object.keys(state.changes).join(', ')}.` +
              `\n\n* * *\n\nОрган ${state.bodyId} обновил информацию по услуге ${state.serviceCode} (пункт 6): ${Object.keys(state.changes).join(', ')}.` +
              `\n\n—\nUCC Interop · information update ${state.id}`,
          },
        ];
  return { state, events, messages };
}

const assertSubmitted = (state: InformationUpdate) => {
  if (state.status !== 'submitted') throw new StateConflictError(`The update is ${state.status}`, { currentStatus: state.status });
};

/** The UCC registers the update: the effect writes the next knowledge-base version (base merged with the changes). */
export function registerInformationUpdate(state: InformationUpdate, context: Pick<UpdateContext, 'now' | 'actor'>): UpdateOutcome {
  assertSubmitted(state);
  const nowIso = context.now.toISOString();
  const next: InformationUpdate = { ...state, status: 'registered', registered: { at: nowIso, by: context.actor }, version: state.version + 1 };
  return {
    state: next,
    events: [domainEvent('InformationUpdateRegistered', aggregate(state), context.actor, nowIso, { bodyId: state.bodyId, serviceCode: state.serviceCode, updateId: state.id })],
    messages: [],
  };
}

/** The UCC returns the update with reasons; the body sends a corrected one (a new update, the same changedOn). */
export function returnInformationUpdate(state: InformationUpdate, reasons: string[], context: UpdateContext): UpdateOutcome {
  assertSubmitted(state);
  const nowIso = context.now.toISOString();
  const next: InformationUpdate = { ...state, status: 'returned', returned: { at: nowIso, by: context.actor, reasons }, version: state.version + 1 };
  const to = [...new Set([context.recipients.responsibleEmail ?? context.recipients.bodyEmail])];
  return {
    state: next,
    events: [domainEvent('InformationUpdateReturned', aggregate(state), context.actor, nowIso, { bodyId: state.bodyId, serviceCode: state.serviceCode, reasons: reasons.length })],
    messages: [
      {
        messageId: `${state.id}:returned`,
        purpose: 'information-update-returned',
        to,
        subject: `1414 БКО: жаңарту қайтарылды ${state.serviceCode} / ЕКЦ 1414: обновление возвращено ${state.serviceCode}`,
        text: `${reasons.map((reason) => `– ${reason}`).join('\n')}\n\n* * *\n\n${reasons.map((reason) => `– ${reason}`).join('\n')}\n\n—\nUCC Interop · information update ${state.id}`,
      },
    ],
  };
}

/** Field by field: what differs between two versions of the form. */
export function diffInformation(before: Record<string, unknown> | undefined, after: Record<string, unknown>): { field: string; before: unknown; after: unknown }[] {
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after)])].filter(
    (field) => !['submittedAt', 'submittedBy', 'submission', 'document'].includes(field),
  );
  return fields
    .filter((field) => canonicalJson(before?.[field]) !== canonicalJson(after[field]))
    .sort()
    .map((field) => ({ field, before: before?.[field], after: after[field] }));
}
