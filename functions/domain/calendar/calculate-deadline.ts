import type { CalendarStore } from './calendar-port.ts';
import { addCalendarDaysFrom, addWorkingDays } from './compute-deadline.ts';
import { loadWorkingCalendar } from './load-calendar-years.ts';

/** A period from an instant: N working days, or N calendar days (moved off a day off unless told not to). */
export type DeadlineCalculation =
  | { from: string; workingDays: number; calendarDays?: undefined }
  | { from: string; calendarDays: number; workingDays?: undefined; moveToWorkingDay: boolean };

/** The due moment of a period with its derivation: which days were counted and which skipped, and why. */
export async function calculateDeadline(period: DeadlineCalculation, ports: { calendars: CalendarStore }) {
  const calendar = await loadWorkingCalendar(ports.calendars);
  if (period.workingDays !== undefined) {
    return { from: period.from, workingDays: period.workingDays, ...addWorkingDays(period.from, period.workingDays, calendar) };
  }
  const deadline = addCalendarDaysFrom(period.from, period.calendarDays, calendar, { moveToWorkingDay: period.moveToWorkingDay });
  return { from: period.from, calendarDays: period.calendarDays, ...deadline };
}
