import { createHash } from 'node:crypto';
import type * as z from 'zod';
import { definedMembers } from '../defined-members.ts';
import type { Principal } from '#domain/access/roles.ts';
import type { StoredDocument } from '../acceptance/acceptance.ts';
import { toAlmatyDate } from '../calendar/local-date.ts';
import { recountAndSave } from '../deadlines/case-deadline.ts';
import { canAccessBody, isBodyBound } from '#domain/access/body-access.ts';
import type { Body } from '../directory/body.ts';
import { caseRecipients } from '../directory/case-recipients.ts';
import { canReadPersonalData } from '../directory/personal-data.ts';
import { cmsSigners } from '../documents/cms-signer.ts';
import { acceptUpload, acceptUploads, describeUpload, storeUploads } from '../documents/accept-upload.ts';
import { ForbiddenError, InvalidInputError, NotFoundError, StaleVersionError, StateConflictError, UnprocessableError } from '../errors.ts';
import type { Clock, ContextReader } from '../ports.ts';
import { rulebookOn, type Rulebook } from '../rulebook/rulebook.ts';
import { SEED_RULEBOOKS } from '../rulebook/seed-rulebooks.ts';
import {
  COMPLAINT_TARGET_KINDS,
  complaintNotFound,
  outcomeAccess,
  recountComplaintDeadlines,
  registerComplaint,
  resolveComplaint,
  type Complaint,
  type complaintOutcomeSchema,
  type ComplaintStatus,
  type registerComplaintSchema,
} from './complaint.ts';
import type { ComplaintStore, ComplaintViolationStore } from './complaint-port.ts';
import { complaintViolationOf, summarizeComplaintViolations } from './complaint-violations.ts';

export interface ComplaintPorts {
  complaints: ComplaintStore;
  /** The stored documents of complaints and outcomes. */
  documents: { get(sha256: string): Promise<{ bytes: Buffer } | undefined> };
  violations: ComplaintViolationStore;
  context: ContextReader;
  clock: Clock;
}

const APPLIED_KEYS_KEPT = 20;
const CMS_TYPES: readonly string[] = ['application/pkcs7-signature', 'application/pkcs7-mime'];

/** The portal's registration number names the complaint: registering it again finds the one registered. */
export const complaintIdOf = (portalNumber: string): string =>
  `cmp-${createHash('sha256').update(`complaint\n${portalNumber}`).digest('hex').slice(0, 32)}`;

const rulebookById = (id: string): Rulebook => SEED_RULEBOOKS.find((candidate) => candidate.id === id) ?? SEED_RULEBOOKS[0]!;

/** What a repeat of the same portal number must match to be the same complaint. */
function differences(existing: Complaint, candidate: Complaint): string[] {
  const fields: (keyof Complaint)[] = ['bodyId', 'addressedTo', 'category', 'serviceCode', 'registeredOn'];
  return [
    ...fields.filter((field) => existing[field] !== candidate[field]),
    ...(Date.parse(existing.receivedAt) === Date.parse(candidate.receivedAt) ? [] : ['receivedAt']),
    ...(existing.document.sha256 === candidate.document.sha256 ? [] : ['document']),
  ].map((field) => `body.${field}`);
}

/**
 * POST /v1/complaints (§17): the UCC registers a complaint that came through the portal. One
 * batched read (the body, the quality authority, the UCC, the calendar, the responsible persons),
 * one conditional write. The same portal number again returns the complaint registered, and is
 * refused when its details differ.
 */
export async function registerPortalComplaint(
  input: z.output<typeof registerComplaintSchema>,
  principal: Principal,
  ports: ComplaintPorts,
): Promise<{ complaint: Complaint; created: boolean }> {
  const now = ports.clock.now();
  const read = await ports.context.read([input.bodyId], now, {
    qualityAuthority: true,
    responsibleFor: { bodyId: input.bodyId, serviceCode: input.serviceCode },
  });
  const body = read.bodies.get(input.bodyId);
  if (body === undefined) throw new InvalidInputError([{ field: 'body.bodyId', message: 'no body with this id' }]);
  if (!COMPLAINT_TARGET_KINDS.includes(body.kind)) {
    throw new InvalidInputError([{ field: 'body.bodyId', message: `a ${body.kind} provides no public service to complain about` }]);
  }
  let reviewer: Body = body;
  if (input.addressedTo === 'quality_authority') {
    if (read.qualityAuthority === undefined) throw new UnprocessableError('No quality authority is registered in the directory (POST /v1/bodies, kind quality_authority)');
    reviewer = read.qualityAuthority;
  }
  const bytes = acceptUpload(input.document, 'body.document');
  const upload = describeUpload(bytes, input.document);
  const signers = CMS_TYPES.includes(input.document.contentType) ? cmsSigners(bytes) : undefined;
  const recipients = caseRecipients(body, read, input.serviceCode);
  const registeredOn = input.registeredOn ?? toAlmatyDate(input.receivedAt);
  const outcome = registerComplaint(
    {
      id: complaintIdOf(input.portalNumber),
      portalNumber: input.portalNumber,
      bodyId: body.id,
      bodyKind: body.kind,
      addressedTo: input.addressedTo,
      reviewerId: reviewer.id,
      reviewerKind: reviewer.kind,
      category: input.category,
      serviceCode: input.serviceCode,
      serviceName: input.serviceName,
      complainant: input.complainant,
      receivedAt: new Date(input.receivedAt).toISOString(),
      registeredOn,
      document: { ...upload.document, ...definedMembers({ signers }) },
    },
    {
      now,
      actor: principal.clientId,
      calendar: read.calendar,
      rulebook: rulebookOn(registeredOn, SEED_RULEBOOKS),
      recipients: {
        // The provider's office and its responsible person for the service (§5, §7); the authority's office.
        reviewer: reviewer === body ? [recipients.bodyEmail, ...(recipients.responsibleEmail === undefined ? [] : [recipients.responsibleEmail])] : [reviewer.email],
        uccEmail: read.ucc?.email,
      },
    },
  );
  await storeUploads([upload], (document, meta) => ports.complaints.putDocument(document, meta));
  if (await ports.complaints.create(outcome.state, outcome.events, outcome.messages)) return { complaint: outcome.state, created: true };
  const existing = await ports.complaints.get(outcome.state.id);
  if (existing === undefined) throw new StateConflictError('The complaint is being registered; retry');
  const differing = differences(existing, outcome.state);
  if (differing.length > 0) {
    throw new StateConflictError(`Portal number ${input.portalNumber} is registered already, as complaint ${existing.id}, with other details`, {
      complaintId: existing.id,
      differing,
    });
  }
  return { complaint: existing, created: false };
}

/** A body-bound client sees the complaints about its own body; others' answer as missing ones. */
export async function getComplaint(id: string, principal: Principal, ports: Pick<ComplaintPorts, 'complaints'>): Promise<Complaint> {
  const complaint = await ports.complaints.get(id);
  if (complaint === undefined || !canAccessBody(principal, complaint.bodyId)) throw new NotFoundError(complaintNotFound(id));
  return complaint;
}

export async function listComplaints(
  listing: { bodyId?: string | undefined; status?: ComplaintStatus | undefined; month?: string | undefined; limit: number; cursor?: string | undefined },
  principal: Principal,
  ports: Pick<ComplaintPorts, 'complaints'>,
) {
  const query = definedMembers(listing);
  if (isBodyBound(principal)) {
    if (query.bodyId !== undefined && query.bodyId !== principal.bodyId) return { items: [] };
    return ports.complaints.list({ ...query, bodyId: principal.bodyId });
  }
  return ports.complaints.list(query);
}

/**
 * The documents of a complaint, read as the complaint is: the signed complaint carries the
 * complainant's personal data (its text, the signer's certificate), so only the UCC and the
 * quality authority read it; the outcome's documents everyone who sees the complaint.
 */
export async function complaintDocument(id: string, sha256: string, principal: Principal, ports: Pick<ComplaintPorts, 'complaints' | 'documents'>) {
  const complaint = await getComplaint(id, principal, ports);
  const named: StoredDocument | undefined = [
    ...(canReadPersonalData(principal) ? [complaint.document] : []),
    ...(complaint.outcome?.attachments ?? []),
  ].find((document) => document.sha256 === sha256);
  const stored = named === undefined ? undefined : await ports.documents.get(sha256);
  if (named === undefined || stored === undefined) throw new NotFoundError(`No document ${sha256} on complaint ${id}`);
  return { document: named, bytes: stored.bytes };
}

/**
 * POST /v1/complaints/{id}/outcome: the reviewer's outcome, in one batched read (the complaint,
 * the UCC, the calendar) and one write. A retried outcome (its Idempotency-Key) finds the state
 * it produced.
 */
export async function recordComplaintOutcome(
  command: { id: string; input: z.output<typeof complaintOutcomeSchema>; ifMatch?: number | undefined; idempotencyKey?: string | undefined },
  principal: Principal,
  ports: ComplaintPorts,
): Promise<Complaint> {
  const now = ports.clock.now();
  const read = await ports.context.read([], now, { complaintId: command.id });
  const state = read.complaint;
  const access = state === undefined ? 'hidden' : outcomeAccess(state, principal);
  if (state === undefined || access === 'hidden') throw new NotFoundError(complaintNotFound(command.id));
  if (access === 'forbidden') {
    throw new ForbiddenError(
      state.addressedTo === 'quality_authority'
        ? 'The complaint is addressed to the quality authority: it records the outcome'
        : 'The complaint is addressed to the service provider: its own client records the outcome',
    );
  }
  const applied = command.idempotencyKey === undefined ? undefined : `${principal.clientId}:${command.idempotencyKey}`;
  if (applied !== undefined && state.appliedKeys.includes(applied)) return state;
  if (command.ifMatch !== undefined && command.ifMatch !== state.version) throw new StaleVersionError(state.version);
  const uploads = acceptUploads(command.input.attachments, 'body.attachments');
  const outcome = resolveComplaint(
    state,
    { decision: command.input.decision, summary: command.input.summary, attachments: uploads.map((upload) => upload.document) },
    {
      now,
      actor: principal.clientId,
      calendar: read.calendar,
      rulebook: rulebookById(state.rulebookId),
      recipients: { reviewer: [], uccEmail: read.ucc?.email },
    },
  );
  const next = applied === undefined ? outcome.state : { ...outcome.state, appliedKeys: [...state.appliedKeys, applied].slice(-APPLIED_KEYS_KEPT) };
  await storeUploads(uploads, (bytes, meta) => ports.complaints.putDocument(bytes, meta));
  await ports.complaints.save(next, state.version, outcome.events, outcome.messages);
  return next;
}

/** GET /v1/complaint-violations?month= (§18): the month's violations of the legal review periods (this month, Asia/Almaty, by default), by kind of body and by body. */
export async function complaintViolationsOf(asked: string | undefined, ports: Pick<ComplaintPorts, 'violations' | 'clock'>) {
  const month = asked ?? toAlmatyDate(ports.clock.now()).slice(0, 7);
  return summarizeComplaintViolations(month, await ports.violations.ofMonth(month));
}

/**
 * The effect of a violation of a complaint's review period (the monitor's breach, or a late
 * outcome): it goes on its month's list with the reviewer's kind, once per complaint.
 */
export async function recordComplaintViolation(
  data: Record<string, unknown>,
  ports: { complaints: Pick<ComplaintStore, 'get'>; violations: ComplaintViolationStore },
): Promise<void> {
  const subject = data.subject as { kind?: unknown; id?: unknown } | undefined;
  if (subject?.kind !== 'complaint' || typeof subject.id !== 'string') return;
  const complaint = await ports.complaints.get(subject.id);
  if (complaint === undefined) return;
  await ports.violations.record(
    complaintViolationOf(complaint, { rule: String(data.rule), cite: String(data.cite), dueAt: String(data.dueAt), occurredAt: String(data.occurredAt) }),
  );
}

/** After a calendar change (the recount's page): one complaint's open review period recomputed, one write (retried once). */
export function recalculateComplaint(id: string, deadlineIds: string[], page: string, ports: Pick<ComplaintPorts, 'complaints' | 'context' | 'clock'>): Promise<boolean> {
  return recountAndSave(
    page,
    () => ports.complaints.get(id),
    async (state) => {
      const now = ports.clock.now();
      const read = await ports.context.read([], now);
      return recountComplaintDeadlines(state, deadlineIds, { now, actor: 'calendar-change', calendar: read.calendar, rulebook: rulebookById(state.rulebookId) });
    },
    (state, expectedVersion, events, messages) => ports.complaints.save(state, expectedVersion, events, messages),
  );
}
