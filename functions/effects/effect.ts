import type { RecalculationPorts } from '#domain/deadlines/calendar-recalculation.ts';
import type { ResponsiblePersonStore } from '#domain/directory/responsible-person-port.ts';
import type { Clock, DomainEvent, Mailer } from '#domain/ports.ts';
import type { RequestPorts } from '#domain/requests/manage-information-requests.ts';
import type { AppealCounterWriter } from '#domain/appeals/appeal-port.ts';
import type { ComplaintPorts } from '#domain/complaints/manage-complaints.ts';
import type { UpdatePorts } from '#domain/information/manage-information-updates.ts';
import type { MailLedger, PendingWork, ReadModels } from './effect-ports.ts';

/**
 * One effect of a committed event: a projector (a read model, the audit log, the deadline
 * monitor) or a sender. It may run more than once for one event (the stream retries, the
 * re-drive repeats): every effect is idempotent.
 */
export interface Effect {
  readonly name: string;
  /** The rule it carries out: the § of the regulation, or the design rule. */
  readonly cite: string;
  run(event: DomainEvent, ports: EffectPorts): Promise<void>;
}

/** The ports the effects receive from the composition root (functions/adapters/effects-composition.ts). */
export interface EffectPorts {
  /** The deadline monitor's ports, with the calendar recalculations. */
  monitor: RecalculationPorts;
  auditLog: { append(event: DomainEvent): Promise<void> };
  pending: PendingWork;
  readModels: ReadModels;
  persons: ResponsiblePersonStore;
  /** §10–§12: requests and their escalations. */
  requests: Pick<RequestPorts, 'requests' | 'escalations' | 'bodies' | 'clock'>;
  /** §6: information updates and the knowledge base they add versions to. */
  informationUpdates: Pick<UpdatePorts, 'updates' | 'knowledgeBase'>;
  /** §17–§18: complaints and the violations of their review periods. */
  complaints: Pick<ComplaintPorts, 'complaints' | 'violations'>;
  /** §13–§14: the sharded per-quarter counters of appeals. */
  appealCounters: AppealCounterWriter;
  /** The stored documents a message attaches (OutboxMessage.documents). */
  documents: {
    get(sha256: string): Promise<{ bytes: Buffer } | undefined>;
    /** A link to one document that expires after `seconds` (for what does not fit in an e-mail). */
    link(sha256: string, seconds: number): Promise<string>;
    /** The record naming it committed: kept, no longer a draft. */
    keep(sha256: string): Promise<void>;
  };
  mailer: Mailer;
  mailLedger: MailLedger;
  clock: Clock;
}
