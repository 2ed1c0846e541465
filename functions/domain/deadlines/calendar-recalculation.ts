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
 * party is told once (DeadlineMoved → one e-mail per event).
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
   * found unchanged then); `subjectsMoved` counts each acceptance moved once per page. A page
   * re-run after a crash inside it finds the acceptances it had moved unchanged and does not
   * count them: the figure can then be lower than the acceptances moved (docs/reliability.md).
   */
  examined: number;
  subjectsMoved: number;
  renoticed: number;
  startedAt: string;
  updatedAt: string;
  finishedAt?: string;
  version: number;
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

async function moveSubjects(bySubject: Map<string, string[]>, ports: RecalculationPorts): Promise<number> {
  const moved = await mapBounded([...bySubject], JOB_CONCURRENCY, ([subjectId, ids]) => {
    const type = subjectTypeOfId(subjectId);
    return type === 'acceptance' || type === undefined
      ? recalculateAcceptanceDeadlines(subjectId, ids, ports)
      : (ports.cases[type]?.recalculate(subjectId, ids) ?? Promise.resolve(false));
  });
  return moved.filter(Boolean).length;
}

const group = (pairs: [string, string][]): Map<string, string[]> => {
  const bySubject = new Map<string, string[]>();
  for (const [subjectId, deadlineId] of pairs) bySubject.set(subjectId, [...(bySubject.get(subjectId) ?? []), deadlineId]);
  return bySubject;
};

const cursorOf = (cursor: string | undefined) => (cursor === undefined ? {} : { cursor });

/** Open deadlines a changed date can touch: due on or after the first changed date, starting before the last. */
async function deadlinesPage(r: CalendarRecalculation, ports: RecalculationPorts): Promise<PageOutcome> {
  const first = r.changedDates[0] as string;
  const last = r.changedDates.at(-1) as string;
  const page = await ports.deadlines.list({ status: 'open', dueFrom: first, limit: RECALCULATION_PAGE, ...cursorOf(r.cursor) });
  // A changed day matters only inside the period (after its start, up to the escalation).
  const touched = page.items.filter((deadline) => deadline.from.slice(0, 10) < last);
  const subjectsMoved = await moveSubjects(group(touched.map((d) => [d.subject.id, d.id])), ports);
  return { examined: touched.length, subjectsMoved, renoticed: 0, nextCursor: page.nextCursor };
}

/** §9 start dates are not watched (no one's obligation) but move all the same: every signed acceptance waiting for its start. */
async function startDatesPage(r: CalendarRecalculation, ports: RecalculationPorts): Promise<PageOutcome> {
  const page = await ports.acceptances.list({ status: 'protocolSigned', limit: RECALCULATION_PAGE, ...cursorOf(r.cursor) });
  const pairs: [string, string][] = [];
  for (const acceptance of page.items) {
    const start = acceptance.deadlines.find((deadline) => deadline.key === 'startConsultation' && deadline.status === 'open');
    if (start !== undefined) pairs.push([acceptance.id, start.id]);
  }
  const subjectsMoved = await moveSubjects(group(pairs), ports);
  return { examined: pairs.length, subjectsMoved, renoticed: 0, nextCursor: page.nextCursor };
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

const RUN_PAGE: Record<RecalculationPhase, (r: CalendarRecalculation, ports: RecalculationPorts) => Promise<PageOutcome>> = {
  deadlines: deadlinesPage,
  startDates: startDatesPage,
  noticeTimes: noticeTimesPage,
};

/**
 * One page of a running recalculation, then its record committed with the next cursor (or the
 * next phase, or finished). A repeated run of the same page (the stream retried) loses the
 * version race and changes nothing.
 */
export async function runCalendarRecalculationPage(id: string, ports: RecalculationPorts): Promise<CalendarRecalculation | undefined> {
  const current = await ports.recalculations.get(id);
  if (current === undefined || current.status === 'finished') return current;
  const outcome = await RUN_PAGE[current.phase](current, ports);
  const at = ports.clock.now().toISOString();
  const nextPhase = PHASES[PHASES.indexOf(current.phase) + 1];
  const { cursor: _cursor, ...rest } = current;
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
