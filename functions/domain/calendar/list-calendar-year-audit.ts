import type { AuditPage, AuditTrail } from '../ports.ts';

/** Who changed a calendar year, when, and what (the year's aggregate is `KZ-<year>`). */
export const listCalendarYearAudit = (year: number, page: AuditPage, ports: { audit: AuditTrail }) =>
  ports.audit.list('CalendarYear', `KZ-${year}`, page);
