import type { Principal } from '#domain/access/roles.ts';
import { caseId } from '../case-id.ts';
import { definedMembers } from '../defined-members.ts';
import { acceptUploads, storeUploads } from '../documents/accept-upload.ts';
import type { CalendarStore } from '../calendar/calendar-port.ts';
import { canAccessBody, isBodyBound } from '#domain/access/body-access.ts';
import type { StoredDocument } from '../acceptance/acceptance.ts';
import type { Body } from '../directory/body.ts';
import type { BodyStore } from '../directory/body-port.ts';
import { recountAndSave } from '../deadlines/case-deadline.ts';
import { caseRecipients } from '../directory/case-recipients.ts';
import { ConcurrentUpdateError, InvalidInputError, NotFoundError, StaleVersionError, StateConflictError } from '../errors.ts';
import type { Clock, ContextReader, LoadedContext } from '../ports.ts';
import { rulebookOn, type Rulebook } from '../rulebook/rulebook.ts';
import { SEED_RULEBOOKS } from '../rulebook/seed-rulebooks.ts';
import { toAlmatyDate } from '../calendar/local-date.ts';
import { addRefusal, refusalOf, type EscalationContext } from './escalation.ts';
import {
  answerInformationRequest,
  informationRequestNotFound,
  openInformationRequest,
  recalculateRequestDeadlines,
  refuseInformationRequest,
  type InformationRequest,
  type InformationRequestStatus,
  type RefusalGround,
  type RequestContext,
} from './information-request.ts';
import type { EscalationStore, InformationRequestStore } from './request-port.ts';

export interface RequestPorts {
  requests: InformationRequestStore;
  /** The stored documents of requests and responses. */
  documents: { get(sha256: string): Promise<{ bytes: Buffer } | undefined> };
  escalations: EscalationStore;
  bodies: BodyStore;
  calendars: CalendarStore;
  context: ContextReader;
  clock: Clock;
}

/** Bodies the UCC asks (§10: the participants that hold service information). */
const ASKABLE_KINDS: readonly Body['kind'][] = ['central_body', 'local_executive_body', 'public_service_center', 'service_provider'];
const APPLIED_KEYS_KEPT = 20;

interface UploadedDocument {
  fileName: string;
  contentType: string;
  contentBase64: string;
}

/** Request ids name their body (`req-<BIN>-<32 hex>`): a response reads the request and its body in one round trip. */
export const bodyIdInRequestId = (id: string): string | undefined => /^req-(\d{12})-[0-9a-f]{32}$/.exec(id)?.[1];

const rulebookById = (id: string): Rulebook => SEED_RULEBOOKS.find((candidate) => candidate.id === id) ?? SEED_RULEBOOKS[0]!;

function requestContext(body: Body, read: LoadedContext, now: Date, rulebook: Rulebook, actor: string, serviceCode: string | undefined): RequestContext {
  return { now, actor, calendar: read.calendar, rulebook, recipients: caseRecipients(body, read, serviceCode) };
}


/**
 * POST /v1/information-requests (§10): the UCC asks a body for information or explanations.
 * The body and its responsible person for the service (else body-wide) get the request; the
 * answer is due in the rulebook's working days.
 */
export async function openRequest(
  input: { bodyId: string; serviceCode?: string; question: string; attachments?: UploadedDocument[] },
  principal: Principal,
  ports: RequestPorts,
  idempotencyKey?: string,
): Promise<InformationRequest> {
  const now = ports.clock.now();
  const read = await ports.context.read([input.bodyId], now, {
    responsibleFor: { bodyId: input.bodyId, serviceCode: input.serviceCode },
  });
  const body = read.bodies.get(input.bodyId);
  if (body === undefined) throw new InvalidInputError([{ field: 'body.bodyId', message: 'no body with this id' }]);
  if (!ASKABLE_KINDS.includes(body.kind)) {
    throw new InvalidInputError([{ field: 'body.bodyId', message: `a ${body.kind} holds no service information to ask for` }]);
  }
  const id = caseId('req', body.id, principal.clientId, idempotencyKey);
  const uploads = acceptUploads(input.attachments, 'body.attachments');
  const context = requestContext(body, read, now, rulebookOn(toAlmatyDate(now), SEED_RULEBOOKS), principal.clientId, input.serviceCode);
  const outcome = openInformationRequest(
    {
      id,
      bodyId: body.id,
      ...definedMembers({ serviceCode: input.serviceCode }),
      question: input.question,
      attachments: uploads.map((upload) => upload.document),
    },
    context,
  );
  await storeUploads(uploads, (bytes, meta) => ports.requests.putDocument(bytes, meta));
  if (await ports.requests.create(outcome.state, outcome.events, outcome.messages)) return outcome.state;
  const existing = await ports.requests.get(id);
  if (existing === undefined) throw new StateConflictError('The request is being created; retry');
  return existing; // the same request again (its Idempotency-Key)
}

/** A body-bound client sees only its own body's requests; others' answer as missing ones. */
export async function getRequest(id: string, principal: Principal, ports: Pick<RequestPorts, 'requests'>): Promise<InformationRequest> {
  const request = await ports.requests.get(id);
  if (request === undefined || !canAccessBody(principal, request.bodyId)) throw new NotFoundError(informationRequestNotFound(id));
  return request;
}

/** GET /v1/information-requests/{id}/documents/{sha256}: a document of the request, its answer or its refusal, read as the request is. */
export async function requestDocument(
  id: string,
  sha256: string,
  principal: Principal,
  ports: Pick<RequestPorts, 'requests' | 'documents'>,
): Promise<{ bytes: Buffer; meta: StoredDocument }> {
  const request = await getRequest(id, principal, ports);
  const named = [...request.attachments, ...(request.answer?.attachments ?? []), ...(request.refusal?.attachments ?? [])].find(
    (document) => document.sha256 === sha256,
  );
  const stored = named === undefined ? undefined : await ports.documents.get(sha256);
  if (named === undefined || stored === undefined) throw new NotFoundError(`No document ${sha256} on information request ${id}`);
  return { bytes: stored.bytes, meta: named };
}

export async function listRequests(
  listing: { bodyId?: string | undefined; status?: InformationRequestStatus | undefined; limit: number; cursor?: string | undefined },
  principal: Principal,
  ports: Pick<RequestPorts, 'requests'>,
) {
  const query = definedMembers(listing);
  if (isBodyBound(principal)) {
    if (query.bodyId !== undefined && query.bodyId !== principal.bodyId) return { items: [] };
    return ports.requests.list({ ...query, bodyId: principal.bodyId });
  }
  return ports.requests.list(query);
}

export type Response =
  | { action: 'answer'; input: { channel: 'written' | 'oral' | 'phone'; text: string; attachments?: UploadedDocument[] } }
  | { action: 'refusal'; input: { ground: RefusalGround; justification: string; attachments?: UploadedDocument[] } };

/**
 * POST …/answer and …/refusal (§11): one round trip for the request and its context, one write.
 * The body answers or refuses; the UCC may log an oral or telephone answer (§11.2) or a refusal
 * it received otherwise. A retried response (its Idempotency-Key) finds the state it produced.
 */
export async function respondToRequest(
  command: { id: string; response: Response; ifMatch?: number | undefined; idempotencyKey?: string | undefined },
  principal: Principal,
  ports: RequestPorts,
): Promise<InformationRequest> {
  const now = ports.clock.now();
  const bodyId = principal.bodyId ?? bodyIdInRequestId(command.id);
  const read = await ports.context.read(bodyId === undefined ? [] : [bodyId], now, {
    informationRequestId: command.id,
    responsibleFor: bodyId === undefined ? undefined : { bodyId },
  });
  const state = read.informationRequest;
  if (state === undefined || !canAccessBody(principal, state.bodyId)) throw new NotFoundError(informationRequestNotFound(command.id));
  const applied = command.idempotencyKey === undefined ? undefined : `${principal.clientId}:${command.idempotencyKey}`;
  if (applied !== undefined && state.appliedKeys.includes(applied)) return state;
  if (command.ifMatch !== undefined && command.ifMatch !== state.version) throw new StaleVersionError(state.version);
  if (state.status !== 'open') {
    throw new StateConflictError(`The information request is ${state.status}; it takes no other response`, { currentStatus: state.status });
  }
  const body = read.bodies.get(state.bodyId) ?? (await ports.bodies.get(state.bodyId));
  if (body === undefined) throw new Error(`body ${state.bodyId} of request ${state.id} is missing`);
  const context = requestContext(body, read, now, rulebookById(state.rulebookId), principal.clientId, state.serviceCode);
  const uploads = acceptUploads(command.response.input.attachments, 'body.attachments');
  const attachments = uploads.map((upload) => upload.document);
  const outcome =
    command.response.action === 'answer'
      ? answerInformationRequest(state, { channel: command.response.input.channel, text: command.response.input.text, attachments }, context)
      : refuseInformationRequest(
          state,
          { ground: command.response.input.ground, justification: command.response.input.justification, attachments },
          context,
        );
  const next = applied === undefined ? outcome.state : { ...outcome.state, appliedKeys: [...state.appliedKeys, applied].slice(-APPLIED_KEYS_KEPT) };
  await storeUploads(uploads, (bytes, meta) => ports.requests.putDocument(bytes, meta));
  await ports.requests.save(next, state.version, outcome.events, outcome.messages);
  return next;
}

/**
 * The effect of a refusal (§12): it goes on its body's escalation of that month, built once
 * however many effects run at the same time (one conditional write per attempt, re-read on
 * conflict). The letter goes to the quality authority, copied to its head and to the UCC.
 */
export async function escalateRefusal(requestId: string, ports: Pick<RequestPorts, 'requests' | 'escalations' | 'bodies' | 'clock'>): Promise<void> {
  const request = await ports.requests.get(requestId);
  if (request?.refusal === undefined) return;
  const [body, authorities, uccs] = await Promise.all([
    ports.bodies.get(request.bodyId),
    ports.bodies.list({ kind: 'quality_authority', limit: 1 }),
    ports.bodies.list({ kind: 'ucc', limit: 1 }),
  ]);
  const authority = authorities.items[0];
  const uccEmail = uccs.items[0]?.email;
  const context: EscalationContext = {
    now: ports.clock.now(),
    bodyName: body === undefined ? { kk: request.bodyId, ru: request.bodyId } : { kk: body.names.kk, ru: body.names.ru },
    // No quality authority in the directory yet: the UCC gets the letter to forward.
    recipients:
      authority === undefined
        ? { to: uccEmail === undefined ? [] : [uccEmail], cc: [] }
        : { to: [authority.email], cc: [authority.head.email, ...(uccEmail === undefined ? [] : [uccEmail])] },
  };
  for (let attempt = 0; ; attempt += 1) {
    const existing = await ports.escalations.get(request.bodyId, request.refusal.month);
    const outcome = addRefusal(existing, request.bodyId, request.refusal.month, refusalOf(request), context);
    if (outcome === undefined) return;
    try {
      await ports.escalations.save(outcome.state, existing?.version ?? 0, outcome.events, outcome.messages);
      return;
    } catch (error) {
      if (!(error instanceof ConcurrentUpdateError) || attempt >= 8) throw error;
    }
  }
}

export async function listEscalations(
  listing: { bodyId?: string | undefined; month?: string | undefined; limit: number; cursor?: string | undefined },
  principal: Principal,
  ports: Pick<RequestPorts, 'escalations'>,
) {
  const query = definedMembers(listing);
  if (isBodyBound(principal)) {
    if (query.bodyId !== undefined && query.bodyId !== principal.bodyId) return { items: [] };
    return ports.escalations.list({ ...query, bodyId: principal.bodyId });
  }
  return ports.escalations.list(query);
}

/** After a calendar change (the recount's page): one request's open deadlines recomputed, one write (retried once). */
export function recalculateRequest(id: string, deadlineIds: string[], page: string, ports: Pick<RequestPorts, 'requests' | 'bodies' | 'context' | 'clock'>): Promise<boolean> {
  return recountAndSave(
    page,
    () => ports.requests.get(id),
    async (state) => {
      const now = ports.clock.now();
      const read = await ports.context.read([state.bodyId], now);
      const body = read.bodies.get(state.bodyId);
      if (body === undefined) return undefined;
      return recalculateRequestDeadlines(state, deadlineIds, requestContext(body, read, now, rulebookById(state.rulebookId), 'calendar-change', state.serviceCode));
    },
    (state, expectedVersion, events, messages) => ports.requests.save(state, expectedVersion, events, messages),
  );
}
