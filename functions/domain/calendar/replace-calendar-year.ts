import { randomUUID } from 'node:crypto';
import { InvalidInputError, StaleVersionError } from '../errors.ts';
import type { Clock } from '../ports.ts';
import { parseCalendarYearBody, ROOT_FIELD } from './calendar-year.ts';
import type { CalendarStore, StoredCalendarYear } from './calendar-port.ts';
import { changedDates } from './diff-calendar-years.ts';
import { loadCalendarYear } from './load-calendar-years.ts';

export interface ReplaceCalendarYearCommand {
  year: number;
  body: unknown;
  actor: string;
  /** The version the caller read (If-Match); undefined = last writer wins over the current one. */
  ifMatch?: number | undefined;
}

export interface ReplaceCalendarYearResult {
  calendar: StoredCalendarYear;
  /** The change hook: dates whose working/non-working status changed, for deadline recalculation. */
  changedDates: string[];
}

/**
 * PUT /v1/calendars/KZ/{year} (admin): validates and replaces one year, recording who changed
 * what in the audit log (event CalendarYearReplaced with before/after and the changed dates).
 */
export async function replaceCalendarYear(
  command: ReplaceCalendarYearCommand,
  ports: { store: CalendarStore; clock: Clock },
): Promise<ReplaceCalendarYearResult> {
  const parsed = parseCalendarYearBody(command.year, command.body);
  if (!parsed.ok) {
    throw new InvalidInputError(
      parsed.problems.map((problem) => ({ field: problem.field === ROOT_FIELD ? 'body' : `body.${problem.field}`, message: problem.message })),
    );
  }
  const current = await loadCalendarYear(ports.store, command.year);
  const currentVersion = current?.source === 'stored' ? current.version : 0;
  if (command.ifMatch !== undefined && command.ifMatch !== currentVersion) throw new StaleVersionError(currentVersion);
  const changed = changedDates(current, parsed.calendar);
  const at = ports.clock.now().toISOString();
  const calendar = await ports.store.replaceYear(parsed.calendar, currentVersion, {
    eventId: randomUUID(),
    type: 'CalendarYearReplaced',
    at,
    actor: command.actor,
    aggregateType: 'CalendarYear',
    aggregateId: `KZ-${command.year}`,
    data: {
      fromVersion: currentVersion,
      toVersion: currentVersion + 1,
      before: current?.entries ?? [],
      after: parsed.calendar.entries,
      changedDates: changed,
    },
  });
  return { calendar, changedDates: changed };
}
