/** Ports the use-cases take as arguments; adapters in functions/adapters implement them. */
export interface Clock {
  /** The current instant. */
  now(): Date;
}

/** An e-mail the system sends (docs/design.md "E-mail"): kk and ru text in one message. */
export interface MailAttachment {
  fileName: string;
  contentType: string;
  /** base64 */
  content: string;
}

export interface OutgoingMail {
  /** A ledger message's id: SES carries it (tag and header) into its Email Sent event, which marks the ledger. */
  messageId?: string;
  to: string[];
  cc?: string[];
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<{ providerMessageId: string }>;
}

/** A stored document (content-addressed by SHA-256) a message attaches when it is sent. */
export interface DocumentRef {
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
}

/** A message queued by a command, sent after the command's write (the outbox). */
export interface OutboxMessage extends OutgoingMail {
  /** Deterministic: the same event always yields the same id, so it is sent once. */
  messageId: string;
  purpose: string;
  /** Stored documents to attach: read when the message is sent, so the record stays small. */
  documents?: DocumentRef[];
}

/** An event a command produced, copied to the append-only audit log after the write. */
export interface DomainEvent {
  eventId: string;
  type: string;
  at: string;
  actor: string;
  aggregateType: string;
  aggregateId: string;
  data: Record<string, unknown>;
}

/** A page of the audit log as a listing asks it. */
export interface AuditPage {
  limit: number;
  cursor?: string | undefined;
}

/** Port: the append-only audit log, read per aggregate, oldest first (filled by the effects function). */
export interface AuditTrail {
  list(aggregateType: string, aggregateId: string, page: AuditPage): Promise<{ items: DomainEvent[]; nextCursor?: string }>;
}

/** What a command reads before it decides: the bodies involved, the UCC's own record, the calendar. */
export interface LoadedContext {
  bodies: ReadonlyMap<string, import('./directory/body.ts').Body>;
  /** The acceptances asked for (`acceptanceIds`) that exist, by id, read in the same round trip. */
  acceptances: ReadonlyMap<string, import('./acceptance/acceptance.ts').Acceptance>;
  /** The information request asked for (§10), read in the same round trip. */
  informationRequest?: import('./requests/information-request.ts').InformationRequest | undefined;
  /** With an acceptance: the responsible-person assignments of its service and its body (§5, §7) that exist. */
  assignments: import('./directory/responsible-person.ts').ResponsibleAssignment[];
  /** The complaint asked for (§17), read in the same round trip. */
  complaint?: import('./complaints/complaint.ts').Complaint | undefined;
  ucc?: import('./directory/body.ts').Body | undefined;
  /** When asked for: the quality authority's record (it reviews the complaints addressed to it, §17). */
  qualityAuthority?: import('./directory/body.ts').Body | undefined;
  calendar: import('./calendar/working-calendar.ts').WorkingCalendar;
}

/** A case that owns deadlines, as the deadline jobs read it: its deadlines, and for an acceptance its service and person (§5). */
export interface OwnedCase {
  id: string;
  deadlines: readonly import('./acceptance/acceptance.ts').DeadlineRecord[];
  serviceCode?: string;
  responsiblePerson?: { email: string };
}

/** What a job reads for a page of work in batched reads. */
export interface ManyContext {
  bodies: ReadonlyMap<string, import('./directory/body.ts').Body>;
  /** By case id. */
  cases: ReadonlyMap<string, OwnedCase>;
  /** By `assignmentId(bodyId, scope)`. */
  assignments: ReadonlyMap<string, import('./directory/responsible-person.ts').ResponsibleAssignment>;
  ucc?: import('./directory/body.ts').Body | undefined;
}

export const assignmentId = (bodyId: string, scope: string): string => `${bodyId}\n${scope}`;

/**
 * Port: the context of a command in one round trip (a batched read): the named bodies, the UCC,
 * and the calendar years around `now` (the year before, this one, the next: every period a
 * command opens ends inside them).
 */
export interface ContextReader {
  /**
   * Many records at once (BatchGetItem, strongly consistent, 100 keys a call): the bodies, the
   * cases (by subject type and id; an acceptance brings the assignments of its service and
   * body), the assignments named, and the UCC. What is missing is absent.
   */
  readMany(request: {
    bodyIds: readonly string[];
    cases: readonly { type: import('./deadlines/monitored-deadline.ts').SubjectType; id: string }[];
    assignments: readonly { bodyId: string; scope: string }[];
  }): Promise<ManyContext>;
  read(
    bodyIds: readonly string[],
    now: Date,
    also?: {
      informationRequestId?: string;
      complaintId?: string;
      /** The quality authority's record (its id found by one Query the first time in a container). */
      qualityAuthority?: true;
      /** The assignments of many acceptances' services and bodies (a job's page), the acceptances themselves not read. */
      assignmentsOfAcceptances?: readonly string[];
      /** Acceptances (a step's one, or a job's page) with the assignments of their services and bodies. */
      acceptanceIds?: readonly string[];
      /** The responsible-person assignments of this body: body-wide, and for the service if named. */
      responsibleFor?: { bodyId: string; serviceCode?: string | undefined } | undefined;
    },
  ): Promise<LoadedContext>;
}
