import { isDeepStrictEqual } from 'node:util';
import { recalculateAcceptanceDeadlines } from '../acceptance/manage-acceptances.ts';
import { subjectTypeOfId } from './monitored-deadline.ts';
import { JOB_CONCURRENCY, mapBounded } from '../map-bounded.ts';
import { loadWorkingCalendar } from '../calendar/load-calendar-years.ts';
import { addDays } from '../calendar/local-date.ts';
import { domainEvent } from '../events.ts';
import type { DomainEvent } from '../ports.ts';
import { escalationDaysOf, reschedule, type MonitorPorts } from './monitor-deadlines.ts';
import { NOTICE_STAGES, noticeStages, type MonitoredDeadline } from './monitored-deadline.ts';

/**
 * A calendar change recounts open deadlines over the new calendar (working days per the
 * calendar in force: Law "On holidays" Art. 5, government transfers of days off) — off the
 * request, in pages. The PUT commits the year and answers; its CalendarYearReplaced event opens
 * a recalculation record, and every page is one run of the effects function that does a bounded
 * amount of work, then commits the record with its next cursor: the next page follows from that
 * write (the stream), a crash resumes at the last committed cursor, and anyone can read the
 * progress. Each page is idempotent: an acceptance already moved is found unchanged, and each
 * party is told once (DeadlineMoved → one e-mail per event). A page that moves commits its plan
 * (the subjects it moves) before the first move, and each deadline it moves names the page
 * (`movedBy`): run again after a crash inside it, it moves the same subjects and counts those the
 * crashed run had moved, so the figures stay exact.
 */
export type RecalculationPhase = 'deadlines' | 'startDates' | 'noticeTimes';
const PHASES: readonly RecalculationPhase[] = ['deadlines', 'startDates', 'noticeTimes'];

export interface CalendarRecalculation {
  /** `KZ-<year>-v<calendar version>`: one recalculation per published calendar version. */
  id: string;
  year: number;
  calendarVersion: number;
  changedDates: string[];
  status: 'running' | 'finished';
  phase: RecalculationPhase;
  cursor?: string;
  pages: number;
  /**
   * Deadlines looked at: open ones due inside the changed period, §9 start dates waiting,
   * deadlines due just before. One moved later may be looked at again on a later page (it is
   * found unchanged then); `subjectsMoved` counts each case moved once per page that moved it,
   * a page run again after a crash inside it included (its plan and `movedBy`).
   */
  examined: number;
  subjectsMoved: number;
  renoticed: number;
  startedAt: string;
  updatedAt: string;
  finishedAt?: string;
  /** The page under way (storage only, GET leaves it out): committed before its first move, gone with its count. */
  plan?: PagePlan;
  version: number;
}

/** What a page moves: the subjects (cases) listed, the deadlines of each, and the cursor after them. */
export interface PagePlan {
  subjects: { id: string; deadlineIds: string[] }[];
  nextCursor?: string;
}

/** Port: recalculation records (one item each). */
export interface RecalculationStore {
  get(id: string): Promise<CalendarRecalculation | undefined>;
  /** False when it exists (a repeated start). */
  create(recalculation: CalendarRecalculation, events: DomainEvent[]): Promise<boolean>;
  save(recalculation: CalendarRecalculation, expectedVersion: number, events: DomainEvent[]): Promise<void>;
  latest(year: number): Promise<CalendarRecalculation | undefined>;
}

export type RecalculationPorts = MonitorPorts & { recalculations: RecalculationStore };

/** Subjects (acceptances) recounted per page: a page stays well inside one effects run. */
export const RECALCULATION_PAGE = 25;
/** How far before a changed day a due date can lie and still have notices after it (escalation). */
const NOTICE_REACH_DAYS = 31;

export const recalculationIdOf = (year: number, calendarVersion: number) => `KZ-${year}-v${calendarVersion}`;

const pageQueued = (recalculation: CalendarRecalculation, at: string): DomainEvent =>
  domainEvent(
    recalculation.status === 'finished' ? 'CalendarRecalculationFinished' : 'CalendarRecalculationPageQueued',
    { type: 'CalendarRecalculation', id: recalculation.id },
    'calendar-change',
    at,
    { phase: recalculation.phase, page: recalculation.pages, subjectsMoved: recalculation.subjectsMoved, renoticed: recalculation.renoticed },
    `${recalculation.id}:page:${recalculation.pages}`,
  );

/** CalendarYearReplaced: opens the recalculation of that calendar version (once). */
export async function startCalendarRecalculation(
  change: { year: number; calendarVersion: number; changedDates: string[]; at: string },
  ports: Pick<RecalculationPorts, 'recalculations'>,
): Promise<void> {
  if (change.changedDates.length === 0) return;
  const recalculation: CalendarRecalculation = {
    id: recalculationIdOf(change.year, change.calendarVersion),
    year: change.year,
    calendarVersion: change.calendarVersion,
    changedDates: [...change.changedDates].sort(),
    status: 'running',
    phase: 'deadlines',
    pages: 0,
    examined: 0,
    subjectsMoved: 0,
    renoticed: 0,
    startedAt: change.at,
    updatedAt: change.at,
    version: 1,
  };
  await ports.recalculations.create(recalculation, [pageQueued(recalculation, change.at)]);
}

interface PageOutcome {
  examined: number;
  subjectsMoved: number;
  renoticed: number;
  nextCursor: string | undefined;
}

/** The name a page gives the deadlines it moves (`movedBy`): the n-th page of the recalculation, n counted from 1. */
export const pageNameOf = (recalculation: Pick<CalendarRecalculation, 'id' | 'pages'>) => `${recalculation.id}:page:${recalculation.pages + 1}`;

async function moveSubjects(plan: PagePlan, page: string, ports: RecalculationPorts): Promise<number> {
  const moved = await mapBounded(plan.subjects, JOB_CONCURRENCY, ({ id, deadlineIds }) => {
    const type = subjectTypeOfId(id);
    return type === 'acceptance' || type === undefined
      ? recalculateAcceptanceDeadlines(id, deadlineIds, page, ports)
      : (ports.cases[type]?.recalculate(id, deadlineIds, page) ?? Promise.resolve(false));
  });
  return moved.filter(Boolean).length;
}

/** The (subject, deadline) pairs of a page by subject, in the order listed; the cursor after them. */
export function planOf(pairs: readonly [string, string][], nextCursor: string | undefined): PagePlan {
  const bySubject = new Map<string, string[]>();
  for (const [subjectId, deadlineId] of pairs) bySubject.set(subjectId, [...(bySubject.get(subjectId) ?? []), deadlineId]);
  return { subjects: [...bySubject].map(([id, deadlineIds]) => ({ id, deadlineIds })), ...(nextCursor === undefined ? {} : { nextCursor }) };
}

const cursorOf = (cursor: string | undefined) => (cursor === undefined ? {} : { cursor });

/** Open deadlines a changed date can touch: due on or after the first changed date, starting before the last. */
async function deadlinesPlan(r: CalendarRecalculation, ports: RecalculationPorts): Promise<PagePlan> {
  const first = r.changedDates[0] as string;
  const last = r.changedDates.at(-1) as string;
  const page = await ports.deadlines.list({ status: 'open', dueFrom: first, limit: RECALCULATION_PAGE, ...cursorOf(r.cursor) });
  // A changed day matters only inside the period (after its start, up to the escalation).
  const touched = page.items.filter((deadline) => deadline.from.slice(0, 10) < last);
  return planOf(touched.map((d) => [d.subject.id, d.id]), page.nextCursor);
}

/** §9 start dates are not watched (no one's obligation) but move all the same: every signed acceptance waiting for its start. */
async function startDatesPlan(r: CalendarRecalculation, ports: RecalculationPorts): Promise<PagePlan> {
  const page = await ports.acceptances.list({ status: 'protocolSigned', limit: RECALCULATION_PAGE, ...cursorOf(r.cursor) });
  const pairs: [string, string][] = [];
  for (const acceptance of page.items) {
    const start = acceptance.deadlines.find((deadline) => deadline.key === 'startConsultation' && deadline.status === 'open');
    if (start !== undefined) pairs.push([acceptance.id, start.id]);
  }
  return planOf(pairs, page.nextCursor);
}

/**
 * Deadlines due shortly before a changed day keep their due date, but their later notices (the
 * escalation after N more working days) are counted over the new calendar: their pending notice
 * times are recomputed. Notices already sent stay as they are.
 */
async function noticeTimesPage(r: CalendarRecalculation, ports: RecalculationPorts): Promise<PageOutcome> {
  const first = r.changedDates[0] as string;
  const calendar = await loadWorkingCalendar(ports.calendars);
  const page = await ports.deadlines.list({
    status: 'open',
    dueFrom: addDays(first, -NOTICE_REACH_DAYS),
    dueBefore: first,
    limit: RECALCULATION_PAGE,
    ...cursorOf(r.cursor),
  });
  let renoticed = 0;
  for (const deadline of page.items) {
    const computed = noticeStages(deadline, deadline.createdAt, calendar, escalationDaysOf(deadline.rulebookId));
    const stages = { ...deadline.stages };
    for (const stage of NOTICE_STAGES) {
      if (deadline.notices[stage] === undefined && computed[stage] !== undefined) stages[stage] = computed[stage];
    }
    if (isDeepStrictEqual(stages, deadline.stages)) continue;
    const next: MonitoredDeadline = { ...deadline, stages, version: deadline.version + 1 };
    try {
      await ports.deadlines.save(next, deadline.version, [], []);
      await reschedule(next, ports);
      renoticed += 1;
    } catch (error) {
      if ((error as Error).name !== 'ConcurrentUpdateError') throw error; // changed meanwhile: its own flow reschedules it
    }
  }
  return { examined: page.items.length, subjectsMoved: 0, renoticed, nextCursor: page.nextCursor };
}

const PLAN_PAGE: Record<Exclude<RecalculationPhase, 'noticeTimes'>, (r: CalendarRecalculation, ports: RecalculationPorts) => Promise<PagePlan>> = {
  deadlines: deadlinesPlan,
  startDates: startDatesPlan,
};

/**
 * The plan of a page that moves cases, committed before its first move; a plan already
 * committed (a run of this page cut short) is kept, so a run again moves the same subjects.
 * Undefined when another run of the page got further meanwhile.
 */
async function plannedPage(current: CalendarRecalculation, phase: keyof typeof PLAN_PAGE, ports: RecalculationPorts): Promise<CalendarRecalculation | undefined> {
  if (current.plan !== undefined) return current;
  const plan = await PLAN_PAGE[phase](current, ports);
  // Nothing to move: nothing a crash could leave half done, no plan to keep.
  if (plan.subjects.length === 0) return { ...current, plan };
  const planned = { ...current, plan, version: current.version + 1 };
  try {
    await ports.recalculations.save(planned, current.version, []);
    return planned;
  } catch (error) {
    if ((error as Error).name !== 'ConcurrentUpdateError') throw error;
    const now = await ports.recalculations.get(current.id); // another run of this page planned first: its plan
    return now?.pages === current.pages && now.plan !== undefined ? now : undefined;
  }
}

/** Moves the plan's subjects; a subject counts when it moved, by this run or by this page's run before a crash (`movedBy`). */
async function movesPage(planned: CalendarRecalculation, ports: RecalculationPorts): Promise<PageOutcome> {
  const plan = planned.plan as PagePlan;
  const subjectsMoved = await moveSubjects(plan, pageNameOf(planned), ports);
  const examined = plan.subjects.reduce((sum, subject) => sum + subject.deadlineIds.length, 0);
  return { examined, subjectsMoved, renoticed: 0, nextCursor: plan.nextCursor };
}

/**
 * One page of a running recalculation, then its record committed with the next cursor (or the
 * next phase, or finished). A repeated run of the same page (the stream retried) loses the
 * version race and changes nothing.
 */
export async function runCalendarRecalculationPage(id: string, ports: RecalculationPorts): Promise<CalendarRecalculation | undefined> {
  const read = await ports.recalculations.get(id);
  if (read === undefined || read.status === 'finished') return read;
  const current = read.phase === 'noticeTimes' ? read : await plannedPage(read, read.phase, ports);
  if (current === undefined) return ports.recalculations.get(id);
  const outcome = current.phase === 'noticeTimes' ? await noticeTimesPage(current, ports) : await movesPage(current, ports);
  const at = ports.clock.now().toISOString();
  const nextPhase = PHASES[PHASES.indexOf(current.phase) + 1];
  const { cursor: _cursor, plan: _plan, ...rest } = current;
  const next: CalendarRecalculation = {
    ...rest,
    ...(outcome.nextCursor !== undefined ? { cursor: outcome.nextCursor } : {}),
    phase: outcome.nextCursor !== undefined || nextPhase === undefined ? current.phase : nextPhase,
    status: outcome.nextCursor === undefined && nextPhase === undefined ? 'finished' : 'running',
    pages: current.pages + 1,
    examined: current.examined + outcome.examined,
    subjectsMoved: current.subjectsMoved + outcome.subjectsMoved,
    renoticed: current.renoticed + outcome.renoticed,
    updatedAt: at,
    ...(outcome.nextCursor === undefined && nextPhase === undefined ? { finishedAt: at } : {}),
    version: current.version + 1,
  };
  try {
    await ports.recalculations.save(next, current.version, [pageQueued(next, at)]);
  } catch (error) {
    if ((error as Error).name !== 'ConcurrentUpdateError') throw error; // another run committed this page
    return ports.recalculations.get(id);
  }
  return next;
}
