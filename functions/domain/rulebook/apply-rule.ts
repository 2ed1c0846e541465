import {
  addCalendarDays,
  addWorkingDays,
  byDayOfFollowingMonth,
  startAfterWorkingDays,
  type Deadline,
  type DerivationOption,
  type DueMoment,
} from '../calendar/compute-deadline.ts';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import type { Rule } from './rulebook.ts';

/**
 * Applies one rule of the rulebook: `from` is the event instant for working-day rules, the last
 * day of the period (YYYY-MM-DD) for calendar-day rules, the month (YYYY-MM) for by-day rules.
 * `{ derivation: false }` gives the due moment alone (see compute-deadline.ts).
 */
export function applyRule(rule: Rule, from: string, calendar: WorkingCalendar): Deadline;
export function applyRule(rule: Rule, from: string, calendar: WorkingCalendar, options: { derivation: false }): DueMoment;
export function applyRule(rule: Rule, from: string, calendar: WorkingCalendar, options: DerivationOption = {}): Deadline | DueMoment {
  switch (rule.kind) {
    case 'working-days':
      return addWorkingDays(from, rule.value, calendar, options);
    case 'working-days-start-after':
      return startAfterWorkingDays(from, rule.value, calendar, options);
    case 'calendar-days-after-period':
      return addCalendarDays(from, rule.value, calendar, { moveToWorkingDay: rule.moveToWorkingDay ?? true, ...options });
    case 'day-of-following-month':
      return byDayOfFollowingMonth(from, rule.value, calendar, { moveToWorkingDay: rule.moveToWorkingDay ?? true, ...options });
  }
}
