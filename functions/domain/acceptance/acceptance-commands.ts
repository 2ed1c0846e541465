import type * as z from 'zod';
import { toAlmatyDate } from '../calendar/local-date.ts';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import { InvalidInputError, StateConflictError } from '../errors.ts';
import { domainEvent } from '../events.ts';
import type { DomainEvent, OutboxMessage } from '../ports.ts';
import { closeCaseDeadline, openCaseDeadline, recountCaseDeadlines } from '../deadlines/case-deadline.ts';
import type { DeadlineSubject } from '../deadlines/monitored-deadline.ts';
import type { StepAppointment } from '../directory/appoint-responsible-person.ts';
import type { Rulebook } from '../rulebook/rulebook.ts';
import {
  ALLOWED_ACTIONS,
  RETURNS_WITH_REASONS_KEPT,
  type Acceptance,
  type AcceptanceAction,
  type AcceptanceStatus,
  type DeadlineKey,
  type DeadlineRecord,
  type InformationInput,
  type Localized,
  type protocolStepSchema,
  type responsiblePersonStepSchema,
  type StoredDocument,
  type trainingStepSchema,
} from './acceptance.ts';
import {
  appointmentMessage,
  liveMessage,
  protocolMessage,
  registrationMessage,
  requestMessage,
  returnMessage,
} from './messages.ts';
import { definedMembers } from '../defined-members.ts';

/**
 * The acceptance state machine (§4–§9) as pure functions: state in, new state plus the events
 * and e-mails it produced out. Deadlines come from the rulebook the acceptance was opened under.
 */
export interface CommandContext {
  now: Date;
  actor: string;
  calendar: WorkingCalendar;
  rulebook: Rulebook;
  /** responsibleEmail: the current responsible person for the service, else for the body (§5, §7). */
  recipients: { bodyEmail: string; uccEmail?: string | undefined; responsibleEmail?: string | undefined };
}

export interface CommandOutcome {
  state: Acceptance;
  events: DomainEvent[];
  messages: OutboxMessage[];
}

export type ActionInput =
  | { action: 'responsible-person'; input: z.output<typeof responsiblePersonStepSchema>; appointment: StepAppointment }
  | { action: 'information'; input: Omit<InformationInput, 'document'>; document?: StoredDocument; form?: StoredDocument }
  | { action: 'registration'; input: Record<string, never> }
  | { action: 'return'; input: { reasons: string[] } }
  | { action: 'training'; input: z.output<typeof trainingStepSchema> }
  | { action: 'protocol'; input: z.output<typeof protocolStepSchema> };

const aggregateOf = (state: Pick<Acceptance, 'id'>) => ({ type: 'Acceptance', id: state.id });

/** The earliest open deadline someone must meet (the §9 start date is not an obligation). */
const nextDueAt = (deadlines: DeadlineRecord[]): string | undefined =>
  deadlines
    .filter((deadline) => deadline.status === 'open' && deadline.key !== 'startConsultation')
    .map((deadline) => deadline.dueAt)
    .sort((a, b) => Date.parse(a) - Date.parse(b))[0];

class Transition {
  readonly events: DomainEvent[] = [];
  readonly messages: OutboxMessage[] = [];
  state: Acceptance;

  constructor(
    state: Acceptance,
    private readonly context: CommandContext,
  ) {
    this.state = { ...state, deadlines: [...state.deadlines], history: [...state.history], returns: [...state.returns] };
  }

  get nowIso(): string {
    return this.context.now.toISOString();
  }

  event(type: string, data: Record<string, unknown>): void {
    this.events.push(domainEvent(type, aggregateOf(this.state), this.context.actor, this.nowIso, { bodyId: this.state.bodyId, ...data }));
  }

  openDeadline(key: DeadlineKey, from: string, party: DeadlineRecord['party']): DeadlineRecord {
    const sequence = this.state.deadlines.filter((existing) => existing.key === key).length + 1;
    const { deadline, event } = openCaseDeadline(key, party, this.subject(), aggregateOf(this.state), this.context, { from, sequence });
    this.state.deadlines.push(deadline);
    this.events.push(event);
    return deadline;
  }

  /** Closes the open deadline `key`: met when `doneAt` (an instant, or a date) is in time. */
  closeDeadline(key: DeadlineKey, doneAt: string, status?: 'cancelled'): void {
    const { deadlines, event } = closeCaseDeadline(this.state.deadlines, key, doneAt, this.state.bodyId, aggregateOf(this.state), this.context, status);
    this.state.deadlines = deadlines;
    if (event !== undefined) this.events.push(event);
  }

  /** What a deadline record needs to find its way back here (deadline monitor). */
  subject(): DeadlineSubject {
    return { type: 'acceptance', id: this.state.id, bodyId: this.state.bodyId, serviceCode: this.state.serviceCode, serviceName: this.state.serviceName };
  }

  /** Recomputes an open deadline from the same start (after a calendar change). */
  recompute(deadlineId: string): DeadlineRecord | undefined {
    // The acceptance version orders moves: the monitor ignores one older than what it applied.
    const { deadlines, events } = recountCaseDeadlines(this.state.deadlines, [deadlineId], this.subject(), aggregateOf(this.state), this.state.version, this.context);
    if (events.length === 0) return undefined;
    this.state.deadlines = deadlines;
    this.events.push(...events);
    return deadlines.find((deadline) => deadline.id === deadlineId);
  }

  moveTo(to: AcceptanceStatus, action: AcceptanceAction | 'open' | 'go-live'): void {
    this.state.history.push({ at: this.nowIso, actor: this.context.actor, action, from: this.state.history.length === 0 ? null : this.state.status, to });
    this.state.status = to;
  }

  finish(): CommandOutcome {
    const due = nextDueAt(this.state.deadlines);
    const { nextDueAt: _previous, ...rest } = this.state;
    return { state: { ...rest, ...definedMembers({ nextDueAt: due }) }, events: this.events, messages: this.messages };
  }
}

/** §4: opens an acceptance and sends the request; §5's 2 working days start. */
export function openAcceptance(
  spec: { id: string; bodyId: string; serviceCode: string; serviceName: Localized; planItemId?: string },
  context: CommandContext,
): CommandOutcome {
  const nowIso = context.now.toISOString();
  const initial: Acceptance = {
    ...spec,
    status: 'requested',
    rulebookId: context.rulebook.id,
    openedAt: nowIso,
    openedBy: context.actor,
    returns: [],
    deadlines: [],
    history: [],
    appliedKeys: [],
    version: 1,
  };
  const transition = new Transition(initial, context);
  transition.moveTo('requested', 'open');
  transition.event('AcceptanceOpened', { serviceCode: spec.serviceCode, ...(spec.planItemId ? { planItemId: spec.planItemId } : {}) });
  transition.openDeadline('appointResponsible', nowIso, 'body');
  const outcome = transition.finish();
  outcome.messages.push(requestMessage(outcome.state, context.recipients.bodyEmail));
  return outcome;
}

function assertDateInRange(field: string, date: string, notBefore: string | undefined, today: string): void {
  if (date > today) throw new InvalidInputError([{ field, message: 'must not be in the future' }]);
  if (notBefore !== undefined && date < notBefore) throw new InvalidInputError([{ field, message: `must not be before ${notBefore}` }]);
}

/** One step of §5–§8 on `state`; a step the status does not allow is a 409 naming what is. */
/** A step the status does not allow is a 409 naming the status and what it allows. */
export function assertActionAllowed(state: Pick<Acceptance, 'status'>, action: AcceptanceAction): void {
  if (!ALLOWED_ACTIONS[state.status].includes(action)) {
    throw new StateConflictError(`The acceptance is ${state.status}; ${action} is not allowed now`, {
      currentStatus: state.status,
      allowedActions: ALLOWED_ACTIONS[state.status],
    });
  }
}

export function applyAcceptanceAction(state: Acceptance, step: ActionInput, context: CommandContext): CommandOutcome {
  assertActionAllowed(state, step.action);
  const transition = new Transition({ ...state, version: state.version + 1 }, context);
  const nowIso = context.now.toISOString();
  const today = toAlmatyDate(context.now);
  switch (step.action) {
    case 'responsible-person': {
      const first = state.status === 'requested';
      const { fullName, position, email, phone } = step.input;
      transition.state.responsiblePerson = { fullName, position, email, phone, appointedAt: nowIso };
      // Its effect puts the person on the body's record (recordStepAppointment).
      transition.event('ResponsiblePersonAppointed', { replaced: !first, appointment: step.appointment });
      if (first) {
        transition.closeDeadline('appointResponsible', nowIso);
        transition.openDeadline('submitInformation', nowIso, 'body');
      }
      // A replacement stays in responsibleAppointed, but is still a step of the history.
      transition.moveTo('responsibleAppointed', step.action);
      const outcome = transition.finish();
      outcome.messages.push(appointmentMessage(outcome.state));
      return outcome;
    }
    case 'information': {
      if (step.input.serviceCode !== state.serviceCode) {
        throw new InvalidInputError([{ field: 'body.serviceCode', message: `must be ${state.serviceCode}, the service of this acceptance` }]);
      }
      const submission = (state.information?.submission ?? 0) + 1;
      transition.state.information = {
        ...step.input,
        ...definedMembers({ document: step.document }),
        submittedAt: nowIso,
        submittedBy: context.actor,
        submission,
      };
      transition.state.submissions = [
        ...(state.submissions ?? []),
        {
          submission,
          submittedAt: nowIso,
          submittedBy: context.actor,
          ...definedMembers({ formSha256: step.form?.sha256, documentSha256: step.document?.sha256 }),
        },
      ];
      transition.closeDeadline(state.status === 'informationReturned' ? 'returnedInformation' : 'submitInformation', nowIso);
      const documents = [step.form?.sha256, step.document?.sha256].filter((sha256): sha256 is string => sha256 !== undefined);
      transition.event('InformationSubmitted', { submission, ...(step.document ? { documentSha256: step.document.sha256 } : {}), documents });
      if (submission === 1) transition.openDeadline('holdTraining', nowIso, 'body');
      transition.moveTo('informationSubmitted', step.action);
      return transition.finish();
    }
    case 'return': {
      // The record keeps the reasons of the latest returns only (it must stay one bounded item);
      // the event keeps every return's reasons in the audit log.
      const returns = [...transition.state.returns, { at: nowIso, by: context.actor, reasonCount: step.input.reasons.length, reasons: step.input.reasons }];
      transition.state.returns = returns.map((entry, index) => {
        if (index >= returns.length - RETURNS_WITH_REASONS_KEPT) return entry;
        const { reasons: _reasons, ...kept } = entry;
        return { ...kept, reasonCount: entry.reasonCount ?? entry.reasons?.length ?? 0 };
      });
      transition.event('InformationReturned', { reasonCount: step.input.reasons.length, reasons: step.input.reasons });
      transition.openDeadline('returnedInformation', nowIso, 'body');
      transition.moveTo('informationReturned', step.action);
      const outcome = transition.finish();
      outcome.messages.push(returnMessage(outcome.state, step.input.reasons, responsibleOf(outcome.state, context)));
      return outcome;
    }
    case 'registration': {
      transition.state.knowledgeBase = { entryVersion: 1, registeredAt: nowIso, registeredBy: context.actor };
      // The projector reads the information from the acceptance: the event stays small.
      transition.event('InformationRegistered', { serviceCode: state.serviceCode, entryVersion: 1, submission: state.information?.submission });
      transition.moveTo('informationRegistered', step.action);
      const outcome = transition.finish();
      outcome.messages.push(registrationMessage(outcome.state, responsibleOf(outcome.state, context)));
      return outcome;
    }
    case 'training': {
      const submitted = state.information === undefined ? undefined : toAlmatyDate(state.information.submittedAt);
      assertDateInRange('body.heldOn', step.input.heldOn, submitted, today);
      transition.state.training = { ...step.input, recordedAt: nowIso, recordedBy: context.actor };
      transition.closeDeadline('holdTraining', step.input.heldOn);
      transition.event('TrainingHeld', { heldOn: step.input.heldOn, participants: step.input.participants.length });
      transition.moveTo('trainingHeld', step.action);
      return transition.finish();
    }
    case 'protocol': {
      assertDateInRange('body.signedOn', step.input.signedOn, state.training?.heldOn, today);
      transition.state.protocol = { ...step.input, recordedAt: nowIso, recordedBy: context.actor };
      // §9: consulting starts after 5 working days have passed since the signing.
      const start = transition.openDeadline('startConsultation', `${step.input.signedOn}T12:00:00+05:00`, 'ucc');
      transition.state.consultationStartsOn = start.dueDate;
      transition.event('ProtocolSigned', { signedOn: step.input.signedOn, consultationStartsOn: start.dueDate });
      transition.moveTo('protocolSigned', step.action);
      const outcome = transition.finish();
      outcome.messages.push(protocolMessage(outcome.state, recipientsOf(outcome.state, context)));
      return outcome;
    }
  }
}

/** The responsible person now: the body's record (§7 replacements included), else the one the step named. */
const responsibleOf = (state: Acceptance, context: CommandContext): string =>
  context.recipients.responsibleEmail ?? state.responsiblePerson?.email ?? context.recipients.bodyEmail;

const recipientsOf = (state: Acceptance, context: CommandContext): string[] => [
  ...new Set([context.recipients.bodyEmail, responsibleOf(state, context), ...(context.recipients.uccEmail === undefined ? [] : [context.recipients.uccEmail])]),
];

/**
 * After a calendar change: recomputes the open deadlines given from their original start with
 * the new calendar; undefined when none moved. The §9 start date moves with its deadline.
 */
export function recalculateDeadlines(state: Acceptance, deadlineIds: string[], context: CommandContext): CommandOutcome | undefined {
  const transition = new Transition({ ...state, version: state.version + 1 }, context);
  const moved = deadlineIds.map((id) => transition.recompute(id)).filter((deadline) => deadline !== undefined);
  if (moved.length === 0) return undefined;
  const start = moved.find((deadline) => deadline.key === 'startConsultation');
  if (start !== undefined) transition.state.consultationStartsOn = start.dueDate;
  return transition.finish();
}

/** §9: on its start date (Asia/Almaty) a signed acceptance goes live; undefined before that. */
export function goLive(state: Acceptance, context: CommandContext): CommandOutcome | undefined {
  if (state.status !== 'protocolSigned' || state.consultationStartsOn === undefined) return undefined;
  if (toAlmatyDate(context.now) < state.consultationStartsOn) return undefined;
  const transition = new Transition({ ...state, version: state.version + 1 }, context);
  transition.state.liveAt = context.now.toISOString();
  transition.closeDeadline('startConsultation', state.consultationStartsOn);
  transition.event('AcceptanceLive', { consultationStartsOn: state.consultationStartsOn });
  transition.moveTo('live', 'go-live');
  const outcome = transition.finish();
  outcome.messages.push(liveMessage(outcome.state, recipientsOf(outcome.state, context)));
  return outcome;
}
