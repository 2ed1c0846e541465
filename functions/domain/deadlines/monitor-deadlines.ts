import { loadWorkingCalendar } from '../calendar/load-calendar-years.ts';
import type { CalendarStore } from '../calendar/calendar-port.ts';
import type { AcceptanceStore } from '../acceptance/acceptance-port.ts';
import type { DeadlineRecord } from '../acceptance/acceptance.ts';
import type { BodyStore } from '../directory/body-port.ts';
import { breachViolationId, VIOLATION_EVENT } from '../directory/compliance.ts';
import { targetOf } from '../directory/responsible-assignment.ts';
import type { ResponsiblePersonStore } from '../directory/responsible-person-port.ts';
import { domainEvent } from '../events.ts';
import { assignmentId, type Clock, type ContextReader, type DomainEvent, type ManyContext, type OutboxMessage } from '../ports.ts';
import { JOB_CONCURRENCY, mapBounded } from '../map-bounded.ts';
import { SEED_RULEBOOKS } from '../rulebook/seed-rulebooks.ts';
import { deadlineMessage } from './deadline-messages.ts';
import type { DeadlineScheduler, DeadlineStore } from './deadline-port.ts';
import {
  NOTICE_STAGES,
  nextNoticeAt,
  noticeStages,
  stagesOfKey,
  type DeadlineSubject,
  type MonitoredDeadline,
  type NoticeStage,
} from './monitored-deadline.ts';
import { definedMembers } from '../defined-members.ts';

export interface MonitorPorts {
  deadlines: DeadlineStore;
  scheduler: DeadlineScheduler;
  acceptances: AcceptanceStore;
  bodies: BodyStore;
  calendars: CalendarStore;
  context: ContextReader;
  persons: ResponsiblePersonStore;
  /** The other cases whose deadlines are watched (requests, training requests, discrepancies), by subject type. */
  cases: DeadlineOwners;
  clock: Clock;
}

/** A case that owns deadlines: its own record is the truth about them; a calendar change recounts them. */
export interface DeadlineOwner {
  get(id: string): Promise<{ deadlines: readonly DeadlineRecord[] } | undefined>;
  /** Moves them on recalculation page `page` (recountAndSave): true when moved, by this run or by that page's run before a crash. */
  recalculate(id: string, deadlineIds: string[], page: string): Promise<boolean>;
}
export type DeadlineOwners = Partial<Record<Exclude<DeadlineSubject['type'], 'acceptance'>, DeadlineOwner>>;

export const escalationDaysOf = (rulebookId: string): number =>
  (SEED_RULEBOOKS.find((book) => book.id === rulebookId) ?? SEED_RULEBOOKS[0])!.rules.escalationAfterBreach.value;

export async function reschedule(deadline: MonitoredDeadline, ports: Pick<MonitorPorts, 'scheduler'>): Promise<void> {
  const next = nextNoticeAt(deadline);
  if (next === undefined) await ports.scheduler.cancel(deadline.id);
  else await ports.scheduler.schedule(deadline.id, next);
}

/**
 * DeadlineOpened: the deadline comes under watch. Its notice times come with the event (the
 * command computed them with its calendar); an event without them has them computed here.
 */
export async function trackDeadline(
  record: DeadlineRecord,
  subject: DeadlineSubject,
  openedAt: string,
  ports: MonitorPorts,
  stages?: MonitoredDeadline['stages'],
): Promise<void> {
  const computed =
    record.key === 'startConsultation'
      ? {} // §9: the UCC's own start date, listed but never noticed
      : (stages ?? stagesOfKey(record.key, noticeStages(record, openedAt, await loadWorkingCalendar(ports.calendars), escalationDaysOf(record.rulebookId))));
  const deadline: MonitoredDeadline = {
    id: record.id,
    subject,
    key: record.key,
    cite: record.cite,
    rulebookId: record.rulebookId,
    party: record.party,
    from: record.from,
    dueDate: record.dueDate,
    dueAt: record.dueAt,
    derivation: record.derivation,
    status: 'open',
    stages: computed,
    notices: {},
    createdAt: openedAt,
    version: 1,
  };
  if (await ports.deadlines.track(deadline)) {
    await reschedule(deadline, ports);
    return;
  }
  // A repeat (a re-drive after the schedule call failed): schedule what is stored, if still open.
  const stored = await ports.deadlines.get(deadline.id);
  if (stored !== undefined) await reschedule(stored, ports);
}

/** DeadlineClosed: met, missed or cancelled; no more notices. */
export async function closeTrackedDeadline(id: string, status: 'met' | 'missed' | 'cancelled', at: string, ports: MonitorPorts): Promise<void> {
  await ports.deadlines.close(id, status, at);
  await ports.scheduler.cancel(id);
}

interface Recipients {
  responsible: string[];
  head: string[];
  ucc: string[];
  bodyName?: { kk: string; ru: string };
}

/** What notices need for a set of deadlines: their cases, bodies, responsible persons and the UCC, in batched reads. */
export function readNoticeContext(deadlines: readonly MonitoredDeadline[], ports: Pick<MonitorPorts, 'context'>): Promise<ManyContext> {
  return ports.context.readMany({
    bodyIds: deadlines.map((deadline) => deadline.subject.bodyId),
    cases: deadlines.map((deadline) => deadline.subject),
    // An acceptance brings its own service's and body's assignments; the others name theirs.
    assignments: deadlines.flatMap(({ subject }) =>
      subject.type === 'acceptance'
        ? []
        : [{ bodyId: subject.bodyId, scope: 'body' }, ...(subject.serviceCode === undefined ? [] : [targetOf(subject.bodyId, subject.serviceCode)])],
    ),
  });
}

function recipientsOf(deadline: MonitoredDeadline, context: ManyContext): Recipients {
  const body = context.bodies.get(deadline.subject.bodyId);
  const owner = context.cases.get(deadline.subject.id);
  // The current person on the body's record (§7 replacements included): the service's, else the body-wide one.
  const serviceCode = owner?.serviceCode ?? deadline.subject.serviceCode;
  const forService = serviceCode === undefined ? undefined : context.assignments.get(assignmentId(deadline.subject.bodyId, targetOf(deadline.subject.bodyId, serviceCode).scope));
  const forBody = context.assignments.get(assignmentId(deadline.subject.bodyId, 'body'));
  const person = forService?.current.email ?? owner?.responsiblePerson?.email ?? forBody?.current.email;
  const uccEmail = context.ucc?.email;
  // The UCC's own deadlines (§19 training, §20 explanations) remind the UCC, not the body.
  if (deadline.party === 'ucc') {
    const own = uccEmail === undefined ? [] : [uccEmail];
    return { responsible: own, head: [], ucc: own, ...(body === undefined ? {} : { bodyName: { kk: body.names.kk, ru: body.names.ru } }) };
  }
  return {
    // Before a responsible person exists (§5 appointment), the body's official address answers.
    responsible: person !== undefined && deadline.key !== 'appointResponsible' ? [person] : body === undefined ? [] : [body.email],
    head: body === undefined ? [] : [body.head.email],
    ucc: uccEmail === undefined ? [] : [uccEmail],
    ...(body === undefined ? {} : { bodyName: { kk: body.names.kk, ru: body.names.ru } }),
  };
}

/**
 * Sends every notice of one deadline that is due and not yet sent, each exactly once: the
 * notices are marked in the same conditional write that queues the e-mails, so a second run
 * (or a concurrent one) finds them marked or loses the write. A reminder whose deadline has
 * already been breached is skipped, not sent late.
 */
export async function processDeadline(id: string, ports: MonitorPorts): Promise<NoticeStage[]> {
  const deadline = await ports.deadlines.get(id);
  // Closed: its close effect cancelled the schedule. Nothing due: the effect that recorded the
  // last notice scheduled the next one (and the daily sweep catches a lost schedule).
  if (deadline === undefined || dueStages(deadline, ports.clock.now()).length === 0) return [];
  return noticeDeadline(deadline, await readNoticeContext([deadline], ports), ports);
}

/** The notices of an open deadline that are due at `now` and not yet sent or skipped. */
function dueStages(deadline: MonitoredDeadline, now: Date): NoticeStage[] {
  if (deadline.status !== 'open') return [];
  return NOTICE_STAGES.filter((stage) => {
    const at = deadline.stages[stage];
    return at !== undefined && deadline.notices[stage] === undefined && Date.parse(at) <= now.getTime();
  });
}

/**
 * The notices of `deadline` as read (a listed copy may be stale: the write is conditional on its
 * version, and a lost race is read again and decided afresh).
 */
async function noticeDeadline(deadline: MonitoredDeadline, context: ManyContext, ports: MonitorPorts): Promise<NoticeStage[]> {
  const id = deadline.id;
  const now = ports.clock.now();
  const nowIso = now.toISOString();
  const due = dueStages(deadline, now);
  if (due.length === 0) return [];
  // The owner is the source of truth: a deadline it already closed (its close event not yet
  // projected here) gets no notice, least of all a breach.
  const ownRecord = context.cases.get(deadline.subject.id)?.deadlines.find((candidate) => candidate.id === id);
  if (ownRecord !== undefined && ownRecord.status !== 'open') {
    // Only the record: the owner's DeadlineClosed effect cancels the schedule (the jobs have no
    // Scheduler rights), and a schedule that fires first finds the deadline closed and is
    // deleted after it ran (ActionAfterCompletion: DELETE).
    await ports.deadlines.close(id, ownRecord.status, ownRecord.closedAt ?? now.toISOString());
    return [];
  }
  const breached = deadline.stages.breach !== undefined && Date.parse(deadline.stages.breach) <= now.getTime();
  const recipients = recipientsOf(deadline, context);
  const next: MonitoredDeadline = { ...deadline, notices: { ...deadline.notices }, version: deadline.version + 1 };
  const events: DomainEvent[] = [];
  const messages: OutboxMessage[] = [];
  const sent: NoticeStage[] = [];
  const aggregate = { type: 'Deadline', id };
  for (const stage of due) {
    if ((stage === 'reminder' || stage === 'dueDay') && breached) {
      next.notices[stage] = { at: nowIso, outcome: 'skipped' };
      events.push(domainEvent('DeadlineNoticeSkipped', aggregate, 'deadline-monitor', nowIso, { stage, dueAt: deadline.dueAt }));
      continue;
    }
    next.notices[stage] = { at: nowIso, outcome: 'sent' };
    sent.push(stage);
    if (stage === 'reminder' || stage === 'dueDay') messages.push(deadlineMessage(deadline, stage, recipients.responsible));
    if (stage === 'breach') {
      next.breachedAt = nowIso;
      messages.push(deadlineMessage(deadline, stage, recipients.responsible, recipients.head));
      // §21: a body's breach goes on its compliance record (projected from this event); the UCC's own do not.
      if (deadline.party === 'body') events.push(
        domainEvent(VIOLATION_EVENT, { type: 'Body', id: deadline.subject.bodyId }, 'deadline-monitor', nowIso, {
          bodyId: deadline.subject.bodyId,
          rule: deadline.key,
          cite: deadline.cite,
          dueAt: deadline.dueAt,
          occurredAt: deadline.stages.breach,
          subject: { kind: deadline.subject.type, id: deadline.subject.id, deadlineId: id },
          violationId: breachViolationId(id),
        }),
      );
    }
    if (stage === 'escalation') {
      messages.push(deadlineMessage(deadline, stage, recipients.ucc.length > 0 ? recipients.ucc : recipients.head, [], undefined, recipients.bodyName));
    }
    events.push(domainEvent('DeadlineNoticeSent', aggregate, 'deadline-monitor', nowIso, { stage, dueAt: deadline.dueAt }));
  }
  try {
    await ports.deadlines.save(next, deadline.version, events, messages.filter((message) => message.to.length > 0));
  } catch (error) {
    // Changed since it was read (another run, or a stale listed copy): decide again on the stored one.
    if ((error as Error).name === 'ConcurrentUpdateError') return processDeadline(id, ports);
    throw error;
  }
  // Its events move the one-time schedule on to the next notice (effect sync-deadline-schedule).
  return sent;
}

/** After a notice was recorded or the deadline moved: its one-time schedule follows its next notice. */
export async function syncDeadlineSchedule(id: string, ports: Pick<MonitorPorts, 'deadlines' | 'scheduler'>): Promise<void> {
  const deadline = await ports.deadlines.get(id);
  if (deadline === undefined || deadline.status !== 'open') await ports.scheduler.cancel(id);
  else await reschedule(deadline, ports);
}

/** Due deadlines listed, read and noticed together (a page of the `due` index, one batched read). */
const SWEEP_PAGE = 100;

/**
 * The daily sweep: whatever is due and not sent — a lost schedule or a day down loses nothing.
 * It costs what is due: per page of due deadlines one batched read of their cases, bodies and
 * persons (the listed copies are used as read; each write is conditional on its version), then
 * one write per deadline.
 */
export async function sweepDeadlines(ports: MonitorPorts): Promise<{ due: number; notices: number }> {
  const now = ports.clock.now().toISOString();
  let due = 0;
  let notices = 0;
  let cursor: string | undefined;
  do {
    const page = await ports.deadlines.listDue(now, SWEEP_PAGE, cursor);
    due += page.items.length;
    if (page.items.length > 0) {
      const context = await readNoticeContext(page.items, ports);
      const sent = await mapBounded(page.items, JOB_CONCURRENCY, (deadline) => noticeDeadline(deadline, context, ports));
      notices += sent.reduce((sum, stages) => sum + stages.length, 0);
    }
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return { due, notices };
}

/**
 * DeadlineMoved (a calendar change moved it): new notice times, schedule moved, the party told
 * of the new date. Notices already sent for the old date do not count for the new one.
 */
export async function moveTrackedDeadline(
  record: DeadlineRecord,
  previousDueAt: string,
  sourceVersion: number | undefined,
  ports: MonitorPorts,
): Promise<void> {
  const current = await ports.deadlines.get(record.id);
  if (current === undefined || current.status !== 'open' || current.dueAt === record.dueAt) return;
  if (sourceVersion !== undefined && current.sourceVersion !== undefined && sourceVersion <= current.sourceVersion) return;
  const calendar = await loadWorkingCalendar(ports.calendars);
  const nowIso = ports.clock.now().toISOString();
  const moved: MonitoredDeadline = {
    ...current,
    dueDate: record.dueDate,
    dueAt: record.dueAt,
    derivation: record.derivation,
    stages: record.key === 'startConsultation' ? {} : stagesOfKey(record.key, noticeStages(record, nowIso, calendar, escalationDaysOf(current.rulebookId))),
    notices: {},
    ...definedMembers({ sourceVersion }),
    version: current.version + 1,
  };
  const recipients = recipientsOf(moved, await readNoticeContext([moved], ports));
  await ports.deadlines.save(
    moved,
    current.version,
    [domainEvent('DeadlineRescheduled', { type: 'Deadline', id: record.id }, 'deadline-monitor', nowIso, { previousDueAt, dueAt: record.dueAt })],
    // The UCC moves its own §9 date itself: only a body's party is told.
    recipients.responsible.length > 0 && moved.party !== 'ucc' ? [deadlineMessage(moved, 'moved', recipients.responsible, [], previousDueAt)] : [],
  );
  // DeadlineRescheduled moves the one-time schedule (effect sync-deadline-schedule).
}
