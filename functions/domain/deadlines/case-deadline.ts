import type { DeadlineKey, DeadlineRecord } from '../acceptance/acceptance.ts';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import { domainEvent } from '../events.ts';
import { ConcurrentUpdateError } from '../errors.ts';
import type { DomainEvent, OutboxMessage } from '../ports.ts';
import { applyRule } from '../rulebook/apply-rule.ts';
import type { Rulebook } from '../rulebook/rulebook.ts';
import { noticeStages, stagesOfKey, type DeadlineSubject } from './monitored-deadline.ts';

/**
 * The deadlines of a case (an acceptance, a request, a training request, a discrepancy): opened
 * from a rule of the rulebook, closed met, missed or cancelled, recounted after a calendar
 * change. Each step is an event the deadline monitor projects (track, close, move).
 */
export interface DeadlineContext {
  now: Date;
  actor: string;
  calendar: WorkingCalendar;
  rulebook: Rulebook;
}

type Aggregate = { type: string; id: string };

/** The §9 start date is the UCC's own: listed with the others, with no notices (the daily job starts consulting on it). */
const UNWATCHED: readonly DeadlineKey[] = ['startConsultation'];

/** Opens deadline `key` counted from `from` (default now), the `sequence`-th of its kind in the case. */
export function openCaseDeadline(
  key: DeadlineKey,
  party: DeadlineRecord['party'],
  subject: DeadlineSubject,
  aggregate: Aggregate,
  context: DeadlineContext,
  options: { from?: string; sequence?: number } = {},
): { deadline: DeadlineRecord; event: DomainEvent } {
  const nowIso = context.now.toISOString();
  const from = options.from ?? nowIso;
  const rule = context.rulebook.rules[key];
  const computed = applyRule(rule, from, context.calendar);
  const deadline: DeadlineRecord = {
    id: `${subject.id}:${key}:${options.sequence ?? 1}`,
    key,
    cite: rule.cite,
    rulebookId: context.rulebook.id,
    from,
    dueDate: computed.dueDate,
    dueAt: computed.dueAt,
    derivation: computed.derivation,
    status: 'open',
    party,
  };
  // The monitor's notice times, computed here with the calendar already loaded for the command.
  const stages = UNWATCHED.includes(key) ? {} : stagesOfKey(key, noticeStages(deadline, nowIso, context.calendar, context.rulebook.rules.escalationAfterBreach.value));
  const event = domainEvent('DeadlineOpened', aggregate, context.actor, nowIso, { bodyId: subject.bodyId, deadline, subject, stages });
  return { deadline, event };
}

/** Closes the open deadline `key`: met when `doneAt` (an instant, or a date) is in time; or cancelled. */
export function closeCaseDeadline(
  deadlines: readonly DeadlineRecord[],
  key: DeadlineKey,
  doneAt: string,
  bodyId: string,
  aggregate: Aggregate,
  context: Pick<DeadlineContext, 'now' | 'actor'>,
  status?: 'cancelled',
): { deadlines: DeadlineRecord[]; event?: DomainEvent } {
  const index = deadlines.findIndex((deadline) => deadline.key === key && deadline.status === 'open');
  if (index < 0) return { deadlines: [...deadlines] };
  const nowIso = context.now.toISOString();
  const open = deadlines[index]!;
  const inTime = /^\d{4}-\d{2}-\d{2}$/.test(doneAt) ? doneAt <= open.dueDate : Date.parse(doneAt) <= Date.parse(open.dueAt);
  const closed: DeadlineRecord = { ...open, status: status ?? (inTime ? 'met' : 'missed'), closedAt: nowIso };
  return {
    deadlines: deadlines.map((deadline, position) => (position === index ? closed : deadline)),
    event: domainEvent('DeadlineClosed', aggregate, context.actor, nowIso, { bodyId, deadlineId: open.id, key, dueAt: open.dueAt, status: closed.status }),
  };
}

/** After a calendar change: the open deadlines named, recomputed from their start; no events when none moved. */
export function recountCaseDeadlines(
  deadlines: readonly DeadlineRecord[],
  deadlineIds: readonly string[],
  subject: DeadlineSubject,
  aggregate: Aggregate,
  nextVersion: number,
  context: DeadlineContext,
): { deadlines: DeadlineRecord[]; events: DomainEvent[] } {
  const events: DomainEvent[] = [];
  const recounted = deadlines.map((current) => {
    if (!deadlineIds.includes(current.id) || current.status !== 'open') return current;
    const rule = context.rulebook.rules[current.key];
    // Most deadlines do not move: the derivation is built only for one that does.
    if (applyRule(rule, current.from, context.calendar, { derivation: false }).dueAt === current.dueAt) return current;
    const computed = applyRule(rule, current.from, context.calendar);
    const moved: DeadlineRecord = { ...current, dueDate: computed.dueDate, dueAt: computed.dueAt, derivation: computed.derivation };
    // The case's version orders moves: the monitor ignores one older than what it applied.
    events.push(
      domainEvent('DeadlineMoved', aggregate, context.actor, context.now.toISOString(), {
        bodyId: subject.bodyId,
        deadline: moved,
        previousDueAt: current.dueAt,
        subject,
        sourceVersion: nextVersion,
      }),
    );
    return moved;
  });
  return { deadlines: recounted, events };
}

/** The deadlines `after` moved (a new due moment), marked with the recalculation page that moved them. */
export function markMoved(before: readonly DeadlineRecord[], after: readonly DeadlineRecord[], page: string): DeadlineRecord[] {
  const dueAtOf = new Map(before.map((deadline) => [deadline.id, deadline.dueAt]));
  return after.map((deadline) => (dueAtOf.has(deadline.id) && dueAtOf.get(deadline.id) !== deadline.dueAt ? { ...deadline, movedBy: page } : deadline));
}

/** Whether that recalculation page already moved one of these deadlines (its run before a crash). */
export const movedOnPage = (deadlines: readonly DeadlineRecord[], page: string): boolean => deadlines.some((deadline) => deadline.movedBy === page);

/**
 * After a calendar change: one case read, recounted and written in one conditional write, read
 * again once if a command got in between; the deadlines moved carry `page` (the recalculation
 * page's name). True when it moved, or when that page had moved it already (a re-run of the page
 * after a crash inside it counts it once more, the crashed run never committed its count); false
 * when it is gone or nothing moved.
 */
export async function recountAndSave<T extends { version: number; deadlines: DeadlineRecord[] }>(
  page: string,
  load: () => Promise<T | undefined>,
  recount: (state: T) => Promise<{ state: T; events: DomainEvent[]; messages: OutboxMessage[] } | undefined>,
  save: (state: T, expectedVersion: number, events: DomainEvent[], messages: OutboxMessage[]) => Promise<void>,
): Promise<boolean> {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const state = await load();
    if (state === undefined) return false;
    const outcome = await recount(state);
    if (outcome === undefined) return movedOnPage(state.deadlines, page);
    try {
      await save({ ...outcome.state, deadlines: markMoved(state.deadlines, outcome.state.deadlines, page) }, state.version, outcome.events, outcome.messages);
      return true;
    } catch (error) {
      if (!(error instanceof ConcurrentUpdateError) || attempt === 1) throw error;
    }
  }
  return false;
}
