import type { CalendarStore } from './calendar-port.ts';
import { countWorkingDays } from './compute-deadline.ts';
import { loadWorkingCalendar } from './load-calendar-years.ts';

/** The working days between two dates, both included: their count and the list. */
export async function listWorkingDays(from: string, to: string, ports: { calendars: CalendarStore }) {
  const { count, days } = countWorkingDays(from, to, await loadWorkingCalendar(ports.calendars));
  return { from, to, count, days };
}
