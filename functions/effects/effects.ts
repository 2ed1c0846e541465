import { VIOLATION_EVENT } from '#domain/directory/compliance.ts';
import { APPEALS_RECORDED } from '#domain/appeals/manage-appeals.ts';
import { closeDeadline } from './close-deadline.ts';
import { copyToAuditLog } from './copy-to-audit-log.ts';
import { countAppeals } from './count-appeals.ts';
import type { Effect } from './effect.ts';
import { escalateRefusal } from './escalate-refusal.ts';
import { keepDocuments } from './keep-documents.ts';
import { moveDeadline } from './move-deadline.ts';
import { recalculateDeadlinesPage, startRecalculation } from './recalculate-deadlines.ts';
import { recordComplaintViolation } from './record-complaint-violation.ts';
import { recordComplianceFact } from './record-compliance-fact.ts';
import { recordResponsiblePerson } from './record-responsible-person.ts';
import { recordViolation } from './record-violation.ts';
import { registerInformationUpdate } from './register-information-update.ts';
import { registerKnowledgeBaseEntry } from './register-knowledge-base-entry.ts';
import { sendMail } from './send-mail.ts';
import { syncDeadlineSchedule } from './sync-deadline-schedule.ts';
import { trackDeadline } from './track-deadline.ts';

/**
 * The effects table, the third manifest beside the route table (functions/http/routes.ts) and
 * the schedule table (functions/jobs/schedules.ts): what every committed event causes. A command
 * only writes its aggregate with the events and outbox messages it produced; the effects
 * function runs what this table names for them — in AWS from the table's DynamoDB stream,
 * locally from DynamoDB Local's stream or dynalite's pending index, and from the re-drive job
 * after a failure. For one item: the effects of each event in order, then its outbox messages.
 */

/** Run for every event, before its own effects. */
export const EVERY_EVENT: readonly Effect[] = [copyToAuditLog];

/** Event type → the effects it causes, in order. */
export const EFFECTS: Readonly<Record<string, readonly Effect[]>> = {
  DeadlineOpened: [trackDeadline],
  DeadlineClosed: [closeDeadline, recordComplianceFact],
  DeadlineMoved: [moveDeadline],
  DeadlineNoticeSent: [syncDeadlineSchedule],
  DeadlineNoticeSkipped: [syncDeadlineSchedule],
  DeadlineRescheduled: [syncDeadlineSchedule],
  CalendarYearReplaced: [startRecalculation],
  CalendarRecalculationPageQueued: [recalculateDeadlinesPage],
  InformationSubmitted: [keepDocuments],
  InformationRequested: [keepDocuments],
  InformationRequestAnswered: [keepDocuments],
  DiscrepancyExplained: [keepDocuments],
  ComplaintRegistered: [keepDocuments],
  ComplaintResolved: [keepDocuments],
  InformationRegistered: [registerKnowledgeBaseEntry],
  InformationUpdateRegistered: [registerInformationUpdate],
  ResponsiblePersonAppointed: [recordResponsiblePerson],
  InformationRefused: [keepDocuments, escalateRefusal, recordComplianceFact],
  RefusalsEscalated: [recordComplianceFact],
  [APPEALS_RECORDED]: [countAppeals],
  [VIOLATION_EVENT]: [recordViolation, recordComplianceFact, recordComplaintViolation],
};

/** Outbox messages (request letters, reminders, breach notices) go out through this sender. */
export const OUTBOX_SENDER = { name: 'send-mail', cite: 'e-mail to responsible persons and authorities (§4, §5, §21)', send: sendMail } as const;

export const effectsOf = (eventType: string): readonly Effect[] => [...EVERY_EVENT, ...(EFFECTS[eventType] ?? [])];
