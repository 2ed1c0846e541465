import type { DeadlineKey, DeadlineRecord } from '../acceptance/acceptance.ts';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import { domainEvent } from '../events.ts';
import type { DomainEvent } from '../ports.ts';
import { applyRule } from '../rulebook/apply-rule.ts';
import type { Rulebook } from '../rulebook/rulebook.ts';
import { noticeStages, type DeadlineSubject } from './monitored-deadline.ts';

/**
 * The deadlines of a case other than an acceptance (a request, a training request, a
 * discrepancy): opened from a rule of the rulebook, closed met or missed, recounted after a
 * calendar change. Each step is an event the deadline monitor projects (track, close, move).
 */
export interface DeadlineContext {
  now: Date;
  actor: string;
  calendar: WorkingCalendar;
  rulebook: Rulebook;
}

type Aggregate = { type: string; id: string };

export function openCaseDeadline(
  key: DeadlineKey,
  party: DeadlineRecord['party'],
  subject: DeadlineSubject,
  aggregate: Aggregate,
  context: DeadlineContext,
  sequence = 1,
): { deadline: DeadlineRecord; event: DomainEvent } {
  const nowIso = context.now.toISOString();
  const rule = context.rulebook.rules[key];
  const computed = applyRule(rule, nowIso, context.calendar);
  const deadline: DeadlineRecord = {
    id: `${subject.id}:${key}:${sequence}`,
    key,
    cite: rule.cite,
    rulebookId: context.rulebook.id,
    from: nowIso,
    dueDate: computed.dueDate,
    dueAt: computed.dueAt,
    derivation: computed.derivation,
    status: 'open',
    party,
  };
  const stages = noticeStages(deadline, nowIso, context.calendar, context.rulebook.rules.escalationAfterBreach.value);
  const event = domainEvent('DeadlineOpened', aggregate, context.actor, nowIso, { bodyId: subject.bodyId, deadline, subject, stages });
  return { deadline, event };
}

/** Closes the open deadline `key`: met when `doneAt` (an instant, or a date) is in time. */
export function closeCaseDeadline(
  deadlines: readonly DeadlineRecord[],
  key: DeadlineKey,
  doneAt: string,
  bodyId: string,
  aggregate: Aggregate,
  context: Pick<DeadlineContext, 'now' | 'actor'>,
): { deadlines: DeadlineRecord[]; event?: DomainEvent } {
  const index = deadlines.findIndex((deadline) => deadline.key === key && deadline.status === 'open');
  if (index < 0) return { deadlines: [...deadlines] };
  const nowIso = context.now.toISOString();
  const open = deadlines[index]!;
  const inTime = /^\d{4}-\d{2}-\d{2}$/.test(doneAt) ? doneAt <= open.dueDate : Date.parse(doneAt) <= Date.parse(open.dueAt);
  const closed: DeadlineRecord = { ...open, status: inTime ? 'met' : 'missed', closedAt: nowIso };
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
    const computed = applyRule(context.rulebook.rules[current.key], current.from, context.calendar);
    if (computed.dueAt === current.dueAt) return current;
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
