import type { CalendarStore } from './calendar-port.ts';
import { loadCalendarYear } from './load-calendar-years.ts';
import { CalendarYearMissingError } from './working-calendar.ts';

/** One calendar year as stored (or seeded); a year the calendar lacks is a CalendarYearMissingError. */
export async function getCalendarYear(year: number, ports: { calendars: CalendarStore }) {
  const calendar = await loadCalendarYear(ports.calendars, year);
  if (calendar === undefined) throw new CalendarYearMissingError(year);
  return calendar;
}
