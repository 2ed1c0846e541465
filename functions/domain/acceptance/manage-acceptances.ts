import type { Principal } from '#domain/access/roles.ts';
import type { CalendarStore } from '../calendar/calendar-port.ts';
import { definedMembers } from '../defined-members.ts';
import { toAlmatyDate, toAlmatyInstant } from '../calendar/local-date.ts';
import { canAccessBody, isBodyBound } from '#domain/access/body-access.ts';
import type { Body } from '../directory/body.ts';
import type { BodyStore } from '../directory/body-port.ts';
import { recountAndSave } from '../deadlines/case-deadline.ts';
import { acceptUpload, describeUpload, storeUploads, type AcceptedUpload } from '../documents/accept-upload.ts';
import { canonicalJson } from '../canonical-json.ts';
import { JOB_CONCURRENCY, mapBounded } from '../map-bounded.ts';
import type { StepAppointment } from '../directory/appoint-responsible-person.ts';
import { caseRecipients } from '../directory/case-recipients.ts';
import { planAppointment, serviceKey, targetOf } from '../directory/responsible-assignment.ts';
import type { ResponsiblePerson } from '../directory/responsible-person.ts';
import type { ResponsiblePersonStore } from '../directory/responsible-person-port.ts';
import { InvalidInputError, NotFoundError, StaleVersionError, StateConflictError } from '../errors.ts';
import type { Clock, ContextReader, LoadedContext } from '../ports.ts';
import { rulebookOn, type Rulebook } from '../rulebook/rulebook.ts';
import { SEED_RULEBOOKS } from '../rulebook/seed-rulebooks.ts';
import {
  acceptanceNotFoundMessage,
  type Acceptance,
  type StoredDocument,
  type InformationInput,
  type Localized,
} from './acceptance.ts';
import {
  applyAcceptanceAction,
  assertActionAllowed,
  goLive,
  openAcceptance,
  recalculateDeadlines,
  type ActionInput,
  type CommandContext,
} from './acceptance-commands.ts';
import type { AcceptanceQuery, AcceptanceStore } from './acceptance-port.ts';

export interface AcceptancePorts {
  acceptances: AcceptanceStore;
  bodies: BodyStore;
  calendars: CalendarStore;
  context: ContextReader;
  persons: ResponsiblePersonStore;
  clock: Clock;
}

/** Bodies a request can go to (§4: central and local executive bodies; also PSCs and providers). */
const REQUESTABLE_KINDS: readonly Body['kind'][] = ['central_body', 'local_executive_body', 'public_service_center', 'service_provider'];
/** How many step idempotency keys an acceptance remembers. */
const APPLIED_KEYS_KEPT = 20;

const rulebookById = (id: string): Rulebook => {
  const rulebook = SEED_RULEBOOKS.find((candidate) => candidate.id === id);
  if (rulebook === undefined) throw new Error(`rulebook ${id} is not known`);
  return rulebook;
};

/**
 * The command's context in one batched read: the body (checked here), the UCC's address and
 * the calendar. A body that vanished is the caller's to explain (`missing`).
 */
async function contextFor(
  bodyId: string,
  rulebook: Rulebook,
  actor: string,
  ports: AcceptancePorts,
  acceptance?: { id: string; serviceCode: string },
): Promise<{ body: Body; context: CommandContext } | undefined> {
  const now = ports.clock.now();
  const read = await ports.context.read([bodyId], now, acceptance === undefined ? {} : { acceptanceIds: [acceptance.id] });
  const body = read.bodies.get(bodyId);
  if (body === undefined) return undefined;
  return { body, context: commandContext(body, read, now, rulebook, actor, acceptance?.serviceCode) };
}

const commandContext = (
  body: Body,
  read: LoadedContext,
  now: Date,
  rulebook: Rulebook,
  actor: string,
  serviceCode?: string,
): CommandContext => {
  // Assignments are read only with an acceptance (its service's person, else the body-wide one).
  return { now, actor, calendar: read.calendar, rulebook, recipients: caseRecipients(body, read, serviceCode) };
};

/**
 * The body an acceptance id names. Ids name their body and service (`acc-<BIN>-<service key>`;
 * a BIN is public), so a step finds the acceptance, its body's context and the service's
 * responsible person in one read without looking the acceptance up first; older ids name none.
 */
export const bodyIdInAcceptanceId = (id: string): string | undefined => /^acc-(\d{12})-[0-9a-f-]{32,36}$/.exec(id)?.[1];

export interface OpenAcceptanceInput {
  bodyId: string;
  serviceCode: string;
  serviceName: Localized;
  planItemId?: string;
}

/** One acceptance per body and service: its id derives from the pair. */
export const acceptanceIdOf = (bodyId: string, serviceCode: string): string => `acc-${bodyId}-${serviceKey(serviceCode)}`;

/**
 * POST /v1/acceptances (§4). The id is derived from the plan item, or from the caller's
 * Idempotency-Key, so a retried or repeated opening finds the acceptance it made.
 */
export async function openAcceptanceRequest(
  input: OpenAcceptanceInput,
  actor: Principal | { clientId: string },
  ports: AcceptancePorts,
  idempotencyKey?: string,
): Promise<{ acceptance: Acceptance; created: boolean }> {
  const now = ports.clock.now();
  const read = await ports.context.read([input.bodyId], now, { acceptanceIds: [acceptanceIdOf(input.bodyId, input.serviceCode)] });
  return openAcceptanceFrom(read, now, input, actor, ports, idempotencyKey);
}

/**
 * The opening decided on a context already read (the daily job reads a plan's due items at
 * once): the body, whether the acceptance exists, the persons its e-mails go to.
 */
export async function openAcceptanceFrom(
  read: LoadedContext,
  now: Date,
  input: OpenAcceptanceInput,
  actor: Principal | { clientId: string },
  ports: Pick<AcceptancePorts, 'acceptances'>,
  idempotencyKey?: string,
): Promise<{ acceptance: Acceptance; created: boolean }> {
  // One acceptance per body and service (there is no withdrawal, so it stays open or live): the
  // id derives from the pair, so the context read already tells whether it exists, and a
  // concurrent second opening collides with the first in its one write.
  const id = acceptanceIdOf(input.bodyId, input.serviceCode);
  const body = read.bodies.get(input.bodyId);
  if (body === undefined) throw new InvalidInputError([{ field: 'body.bodyId', message: 'no body with this id' }]);
  if (!REQUESTABLE_KINDS.includes(body.kind)) {
    throw new InvalidInputError([{ field: 'body.bodyId', message: `a ${body.kind} provides no public services to accept` }]);
  }
  const context = commandContext(body, read, now, rulebookOn(toAlmatyDate(now), SEED_RULEBOOKS), actor.clientId, input.serviceCode);
  const openedBy = idempotencyKey === undefined ? undefined : `${actor.clientId}:${idempotencyKey}`;
  let existing = read.acceptances.get(id);
  if (existing === undefined) {
    const outcome = openAcceptance({ id, ...input }, context);
    const state = openedBy === undefined ? outcome.state : { ...outcome.state, appliedKeys: [openedBy] };
    if (await ports.acceptances.create(state, outcome.events, outcome.messages)) return { acceptance: state, created: true };
    existing = await ports.acceptances.get(id);
    if (existing === undefined) throw new StateConflictError('The acceptance is being created; retry');
  }
  // The same opening again (its Idempotency-Key); or a plan item (§3) whose service is already
  // being accepted: the daily job links the item to that acceptance.
  const sameOpening = (openedBy !== undefined && existing.appliedKeys.includes(openedBy)) || input.planItemId !== undefined;
  // The key that opened it gets the opening's own answer (created), even from a replay that ran
  // beside the opening: under load it may record its answer before the opening records its own.
  if (sameOpening) return { acceptance: existing, created: openedBy !== undefined && existing.appliedKeys[0] === openedBy };
  throw new StateConflictError(`Service ${input.serviceCode} of body ${input.bodyId} is already being accepted (${existing.id}, ${existing.status})`, {
    acceptanceId: existing.id,
    acceptanceStatus: existing.status,
  });
}

/** A body-bound client sees only its own body's acceptances; others' answer as missing ones. */
export async function getAcceptance(id: string, principal: Principal, ports: Pick<AcceptancePorts, 'acceptances'>): Promise<Acceptance> {
  const acceptance = await ports.acceptances.get(id);
  if (acceptance === undefined || !canAccessBody(principal, acceptance.bodyId)) throw new NotFoundError(acceptanceNotFoundMessage(id));
  return acceptance;
}

/**
 * GET /v1/acceptances/{id}/documents/{sha256}: the signed document of the latest information, or
 * a submitted form (JSON) of its history, read as the acceptance is; with the name and type it is served under.
 */
export async function acceptanceDocument(
  id: string,
  sha256: string,
  principal: Principal,
  ports: Pick<AcceptancePorts, 'acceptances'>,
): Promise<{ bytes: Buffer; meta: StoredDocument }> {
  const acceptance = await getAcceptance(id, principal, ports);
  const attached = acceptance.information?.document;
  const named = attached?.sha256 === sha256 || (acceptance.submissions ?? []).some((entry) => entry.formSha256 === sha256);
  const document = named ? await ports.acceptances.getDocument(sha256) : undefined;
  if (document === undefined) throw new NotFoundError(`No document ${sha256} on acceptance ${id}`);
  return { bytes: document.bytes, meta: attached?.sha256 === sha256 ? attached : document.meta };
}

export async function listAcceptances(
  listing: { bodyId?: string | undefined; status?: AcceptanceQuery['status'] | undefined; limit: number; cursor?: string | undefined; overdue?: boolean | undefined },
  principal: Principal,
  ports: Pick<AcceptancePorts, 'acceptances' | 'clock'>,
) {
  const { overdue, ...rest } = definedMembers(listing);
  // The overdue listing is its own index, by next due time across every status.
  if (overdue === true && rest.status !== undefined) {
    throw new InvalidInputError([{ field: 'query.status', message: 'cannot be combined with overdue=true (overdue lists every status, soonest due first)' }]);
  }
  if (isBodyBound(principal)) {
    if (rest.bodyId !== undefined && rest.bodyId !== principal.bodyId) return { items: [] };
    rest.bodyId = principal.bodyId;
  }
  // nextDueAt is stored in Almaty notation: compare with now written the same way.
  return ports.acceptances.list({ ...rest, ...(overdue ? { overdueAt: toAlmatyInstant(ports.clock.now()) } : {}) });
}

export interface StepCommand {
  id: string;
  step: ActionInput | { action: 'information'; input: InformationInput };
  ifMatch?: number | undefined;
  idempotencyKey?: string | undefined;
}

/** Every POST /v1/acceptances/{id}/… step: access, If-Match, replay, the state machine, one write. */
export async function runAcceptanceStep(command: StepCommand, principal: Principal, ports: AcceptancePorts): Promise<Acceptance> {
  // One round trip: the acceptance with its context (a body-bound caller names its body).
  const now = ports.clock.now();
  const bodyId = principal.bodyId ?? bodyIdInAcceptanceId(command.id);
  const read = await ports.context.read(bodyId === undefined ? [] : [bodyId], now, { acceptanceIds: [command.id] });
  const state = read.acceptances.get(command.id);
  if (state === undefined || !canAccessBody(principal, state.bodyId)) throw new NotFoundError(acceptanceNotFoundMessage(command.id));
  if (command.idempotencyKey !== undefined && state.appliedKeys.includes(`${principal.clientId}:${command.idempotencyKey}`)) {
    return state; // a retried step whose first attempt was committed: same effect, once
  }
  if (command.ifMatch !== undefined && command.ifMatch !== state.version) throw new StaleVersionError(state.version);
  // Refused steps store nothing, not even their document.
  assertActionAllowed(state, command.step.action);
  const body = read.bodies.get(state.bodyId) ?? (await ports.bodies.get(state.bodyId));
  if (body === undefined) throw new Error(`body ${state.bodyId} of acceptance ${state.id} is missing`);
  const context = commandContext(body, read, now, rulebookById(state.rulebookId), principal.clientId, state.serviceCode);
  let step = command.step as ActionInput;
  if (step.action === 'responsible-person') {
    step = { ...step, appointment: await stepAppointment(state, step.input, read, context, ports) };
  }
  // Checked and named here, stored only once the state machine took the step.
  const uploads: AcceptedUpload[] = [];
  if (command.step.action === 'information') {
    const { document, ...information } = command.step.input as InformationInput;
    step = { action: 'information', input: information };
    if (document !== undefined) {
      uploads.push(describeUpload(acceptUpload(document, 'body.document'), document));
      step.document = uploads[0]!.document;
    }
    // Each submitted form is kept whole in its own object (the record keeps only the latest and
    // a list of all): what was returned, and why, stays readable without growing the record.
    const submission = (state.information?.submission ?? 0) + 1;
    const form = describeUpload(Buffer.from(canonicalJson(information)), { fileName: `information-${submission}.json`, contentType: 'application/json' });
    uploads.push(form);
    step.form = form.document;
  }
  const outcome = applyAcceptanceAction(state, step, context);
  const appliedKeys =
    command.idempotencyKey === undefined
      ? outcome.state.appliedKeys
      : [...outcome.state.appliedKeys, `${principal.clientId}:${command.idempotencyKey}`].slice(-APPLIED_KEYS_KEPT);
  const next = { ...outcome.state, appliedKeys };
  await storeUploads(uploads, (bytes, meta) => ports.acceptances.putDocument(bytes, meta));
  await ports.acceptances.save(next, state.version, outcome.events, outcome.messages);
  return next;
}

/**
 * The §5 step appoints on the body's record for the acceptance's service (one model with
 * POST /v1/bodies/{id}/responsible-persons): checked here against that record (§7), recorded
 * there by the step's effect.
 */
async function stepAppointment(
  state: Acceptance,
  input: Extract<ActionInput, { action: 'responsible-person' }>['input'],
  read: LoadedContext,
  context: CommandContext,
  ports: AcceptancePorts,
): Promise<StepAppointment> {
  const target = targetOf(state.bodyId, state.serviceCode);
  // Acceptance ids older than service keys do not name the assignment: read it on its own.
  const existing =
    read.assignments.find((candidate) => candidate.scope === target.scope) ??
    (bodyIdInAcceptanceId(state.id) === undefined || !state.id.endsWith(serviceKey(state.serviceCode))
      ? await ports.persons.get(state.bodyId, target.scope)
      : undefined);
  const { appointedOn, changedOn, ...details } = input;
  const person: ResponsiblePerson = {
    ...details,
    appointedOn: appointedOn ?? toAlmatyDate(context.now),
    recordedAt: context.now.toISOString(),
    recordedBy: context.actor,
    acceptanceId: state.id,
  };
  const plan = planAppointment(existing, person, changedOn, context);
  return { target, person, plan };
}

/** Daily (§9): signed acceptances whose start date has come go live. Idempotent. */
export async function startDueConsultations(ports: AcceptancePorts): Promise<{ checked: number; live: string[] }> {
  const live: string[] = [];
  let checked = 0;
  let cursor: string | undefined;
  const actor = 'schedule:acceptance-daily';
  do {
    const page = await ports.acceptances.list({ status: 'protocolSigned', limit: 100, ...definedMembers({ cursor }) });
    checked += page.items.length;
    const now = ports.clock.now();
    const today = toAlmatyDate(now);
    // Only those whose §9 start date has come cost a read: their bodies, persons and the calendar, once for the page.
    const due = page.items.filter((state) => state.consultationStartsOn !== undefined && state.consultationStartsOn <= today);
    if (due.length > 0) {
      const read = await ports.context.read([...new Set(due.map((state) => state.bodyId))], now, { assignmentsOfAcceptances: due.map((state) => state.id) });
      const started = await mapBounded(due, JOB_CONCURRENCY, async (state) => {
        const body = read.bodies.get(state.bodyId);
        if (body === undefined) return undefined;
        const outcome = goLive(state, commandContext(body, read, now, rulebookById(state.rulebookId), actor, state.serviceCode));
        if (outcome === undefined) return undefined;
        try {
          // The listed copy is used as read: the write is conditional on its version.
          await ports.acceptances.save(outcome.state, state.version, outcome.events, outcome.messages);
          return state.id;
        } catch (error) {
          if ((error as Error).name !== 'ConcurrentUpdateError') throw error; // someone else moved it: next run
          return undefined;
        }
      });
      live.push(...started.filter((id): id is string => id !== undefined));
    }
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return { checked, live };
}

/**
 * After a calendar change: recomputes the given open deadlines of one acceptance with the new
 * calendar on recalculation page `page` (one write; retried once if a step got in between).
 * Returns whether any moved, by this run or by that page's run before a crash (recountAndSave).
 */
export function recalculateAcceptanceDeadlines(id: string, deadlineIds: string[], page: string, ports: AcceptancePorts): Promise<boolean> {
  return recountAndSave(
    page,
    () => ports.acceptances.get(id),
    async (state) => {
      const loaded = await contextFor(state.bodyId, rulebookById(state.rulebookId), 'calendar-change', ports, state);
      return loaded === undefined ? undefined : recalculateDeadlines(state, deadlineIds, loaded.context);
    },
    (state, expectedVersion, events, messages) => ports.acceptances.save(state, expectedVersion, events, messages),
  );
}
