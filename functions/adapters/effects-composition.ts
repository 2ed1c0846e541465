import type { MonitorPorts } from '#domain/deadlines/monitor-deadlines.ts';
import type { EffectPorts } from '#effects/effect.ts';
import { dynamoAppealCounterWriter } from './appeal-store.ts';
import { appendAuditEvent } from './audit-log.ts';
import { systemClock } from './clock.ts';
import { complaintPorts, deadlinePorts, requestPorts, updatePorts } from './composition.ts';
import { deadlineScheduler } from './deadline-scheduler.ts';
import { s3DocumentStore } from './document-store.ts';
import { dynamoMailLedger } from './mail-ledger.ts';
import { dynamoPendingWork } from './pending-work.ts';

export { pendingItemOfImage } from './pending-work.ts';
import { dynamoReadModels } from './read-models.ts';
import { dynamoRecalculationStore } from './recalculation-store.ts';
import { dynamoResponsiblePersonStore } from './responsible-person-store.ts';
import { sesMailer } from './ses-mailer.ts';

/**
 * The ports that reach EventBridge Scheduler, SES and the documents bucket: the deadline monitor
 * (one-time schedules) and the effects (functions/effects/effect.ts). Only the effects function,
 * the jobs and the one-time targets import it; no route's bundle carries these clients.
 */
export const monitorPorts = (): MonitorPorts => ({ ...deadlinePorts(), scheduler: deadlineScheduler() });

/** What the effects function's projectors and senders receive (functions/effects/effect.ts). */
export const effectPorts = (): EffectPorts => ({
  monitor: { ...monitorPorts(), recalculations: dynamoRecalculationStore },
  auditLog: { append: appendAuditEvent },
  pending: dynamoPendingWork,
  readModels: dynamoReadModels,
  persons: dynamoResponsiblePersonStore,
  requests: requestPorts,
  informationUpdates: updatePorts,
  complaints: complaintPorts,
  appealCounters: dynamoAppealCounterWriter,
  documents: s3DocumentStore,
  mailer: sesMailer,
  mailLedger: dynamoMailLedger,
  clock: systemClock,
});
