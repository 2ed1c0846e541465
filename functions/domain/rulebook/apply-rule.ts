import {
  addCalendarDays,
  addWorkingDays,
  byDayOfFollowingMonth,
  startAfterWorkingDays,
  type Deadline,
} from '../calendar/compute-deadline.ts';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import type { Rule } from './rulebook.ts';

/**
 * Applies one rule of the rulebook: `from` is the event instant for working-day rules, the last
 * day of the period (YYYY-MM-DD) for calendar-day rules, the month (YYYY-MM) for by-day rules.
 */
export function applyRule(rule: Rule, from: string, calendar: WorkingCalendar): Deadline {
  switch (rule.kind) {
    case 'working-days':
      return addWorkingDays(from, rule.value, calendar);
    case 'working-days-start-after':
      return startAfterWorkingDays(from, rule.value, calendar);
    case 'calendar-days-after-period':
      return addCalendarDays(from, rule.value, calendar, { moveToWorkingDay: rule.moveToWorkingDay ?? true });
    case 'day-of-following-month':
      return byDayOfFollowingMonth(from, rule.value, calendar, { moveToWorkingDay: rule.moveToWorkingDay ?? true });
  }
}
