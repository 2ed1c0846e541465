import type { Principal } from '#domain/access/roles.ts';
import { caseId } from '../case-id.ts';
import { definedMembers } from '../defined-members.ts';
import { toAlmatyDate } from '../calendar/local-date.ts';
import { canAccessBody, isBodyBound } from '#domain/access/body-access.ts';
import { caseRecipients } from '../directory/case-recipients.ts';
import { InvalidInputError, NotFoundError, StaleVersionError, StateConflictError, UnprocessableError } from '../errors.ts';
import type { Clock, ContextReader, LoadedContext } from '../ports.ts';
import { rulebookOn } from '../rulebook/rulebook.ts';
import { SEED_RULEBOOKS } from '../rulebook/seed-rulebooks.ts';
import type { InformationUpdateStore } from './information-update-port.ts';
import {
  diffInformation,
  registerInformationUpdate,
  returnInformationUpdate,
  submitInformationUpdate,
  type InformationUpdate,
  type SubmitUpdateInput,
  type UpdateContext,
} from './information-update.ts';
import type { KnowledgeBase, KnowledgeBaseEntry } from './knowledge-base.ts';

export interface UpdatePorts {
  updates: InformationUpdateStore;
  knowledgeBase: KnowledgeBase;
  context: ContextReader;
  clock: Clock;
}

const notFound = (id: string) => new NotFoundError(`No information update with id ${id}`);

function updateContext(bodyId: string, serviceCode: string, read: LoadedContext, now: Date, actor: string): UpdateContext {
  const body = read.bodies.get(bodyId);
  if (body === undefined) throw new InvalidInputError([{ field: 'body.bodyId', message: 'no body with this id' }]);
  return { now, actor, calendar: read.calendar, rulebook: rulebookOn(toAlmatyDate(now), SEED_RULEBOOKS), recipients: caseRecipients(body, read, serviceCode) };
}

/**
 * POST /v1/information-updates (§6): the body sends what changed in a registered service's
 * information, with the day it changed; late (after 3 working days) is a violation (§21).
 * Only a service in the knowledge base can be updated (accepted first, §4–§9).
 */
export async function submitUpdate(input: SubmitUpdateInput, principal: Principal, ports: UpdatePorts, idempotencyKey?: string): Promise<InformationUpdate> {
  if (!canAccessBody(principal, input.bodyId)) throw new InvalidInputError([{ field: 'body.bodyId', message: 'no body with this id' }]);
  const now = ports.clock.now();
  if (input.changedOn > toAlmatyDate(now)) throw new InvalidInputError([{ field: 'body.changedOn', message: 'must not be in the future' }]);
  const [read, versions] = await Promise.all([
    ports.context.read([input.bodyId], now, { responsibleFor: { bodyId: input.bodyId, serviceCode: input.serviceCode } }),
    ports.knowledgeBase.versions(input.bodyId, input.serviceCode),
  ]);
  const context = updateContext(input.bodyId, input.serviceCode, read, now, principal.clientId);
  const current = versions[0];
  if (current === undefined) {
    throw new UnprocessableError(`Service ${input.serviceCode} of body ${input.bodyId} is not in the knowledge base: it is accepted first (§4–§9)`);
  }
  const outcome = submitInformationUpdate({ id: caseId('upd', input.bodyId, principal.clientId, idempotencyKey), baseVersion: current.version, ...input }, context);
  if (await ports.updates.create(outcome.state, outcome.events, outcome.messages)) return outcome.state;
  const existing = await ports.updates.get(outcome.state.id);
  if (existing === undefined) throw new StateConflictError('The update is being created; retry');
  return existing;
}

export async function getUpdate(id: string, principal: Principal, ports: Pick<UpdatePorts, 'updates'>): Promise<InformationUpdate> {
  const update = await ports.updates.get(id);
  if (update === undefined || !canAccessBody(principal, update.bodyId)) throw notFound(id);
  return update;
}

export async function listUpdates(
  listing: { bodyId?: string | undefined; status?: InformationUpdate['status'] | undefined; limit: number; cursor?: string | undefined },
  principal: Principal,
  ports: Pick<UpdatePorts, 'updates'>,
) {
  const query = definedMembers(listing);
  if (isBodyBound(principal)) {
    if (query.bodyId !== undefined && query.bodyId !== principal.bodyId) return { items: [] };
    return ports.updates.list({ ...query, bodyId: principal.bodyId });
  }
  return ports.updates.list(query);
}

/** POST …/registration (the UCC) or …/return (with reasons): one write; the registration's effect writes the next version. */
export async function decideUpdate(
  command: { id: string; decision: { action: 'registration' } | { action: 'return'; reasons: string[] }; ifMatch?: number | undefined },
  principal: Principal,
  ports: UpdatePorts,
): Promise<InformationUpdate> {
  const state = await ports.updates.get(command.id);
  if (state === undefined) throw notFound(command.id);
  if (command.ifMatch !== undefined && command.ifMatch !== state.version) throw new StaleVersionError(state.version);
  const now = ports.clock.now();
  let outcome;
  if (command.decision.action === 'registration') {
    outcome = registerInformationUpdate(state, { now, actor: principal.clientId });
  } else {
    const read = await ports.context.read([state.bodyId], now, { responsibleFor: { bodyId: state.bodyId, serviceCode: state.serviceCode } });
    outcome = returnInformationUpdate(state, command.decision.reasons, updateContext(state.bodyId, state.serviceCode, read, now, principal.clientId));
  }
  await ports.updates.save(outcome.state, state.version, outcome.events, outcome.messages);
  return outcome.state;
}

/**
 * The effect of a registration: the next knowledge-base version, the latest one merged with
 * the changes. Once per update (a version that names it means done); a version number taken
 * meanwhile (another registration) moves it to the next one.
 */
export async function applyRegisteredUpdate(updateId: string, ports: Pick<UpdatePorts, 'updates' | 'knowledgeBase'>): Promise<void> {
  const update = await ports.updates.get(updateId);
  if (update?.status !== 'registered' || update.registered === undefined) return;
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const versions = await ports.knowledgeBase.versions(update.bodyId, update.serviceCode);
    if (versions.some((version) => version.updateId === updateId)) return;
    const latest = versions[0];
    const entry: KnowledgeBaseEntry = {
      bodyId: update.bodyId,
      serviceCode: update.serviceCode,
      version: (latest?.version ?? 0) + 1,
      information: { ...((latest?.information as Record<string, unknown> | undefined) ?? {}), ...update.changes },
      registeredAt: update.registered.at,
      registeredBy: update.registered.by,
      updateId,
    };
    if (await ports.knowledgeBase.recordVersion(entry)) return;
  }
  throw new Error(`knowledge-base version for update ${updateId} kept being taken`);
}

/**
 * GET /v1/knowledge-base/{bodyId}/{serviceCode}/information: the version the UCC consults on,
 * and the updates waiting for registration (consulting stays on the registered version).
 */
export async function currentInformation(bodyId: string, serviceCode: string, ports: Pick<UpdatePorts, 'updates' | 'knowledgeBase'>) {
  const [versions, pending] = await Promise.all([ports.knowledgeBase.versions(bodyId, serviceCode), ports.updates.list({ bodyId, status: 'submitted', limit: 100 })]);
  const current = versions[0];
  if (current === undefined) throw new NotFoundError(`No knowledge-base entry for service ${serviceCode} of body ${bodyId}`);
  return {
    bodyId,
    serviceCode,
    version: current.version,
    information: current.information,
    registeredAt: current.registeredAt,
    pendingUpdates: pending.items.filter((update) => update.serviceCode === serviceCode).map((update) => ({ id: update.id, changedOn: update.changedOn, fields: Object.keys(update.changes) })),
  };
}

/** GET /v1/knowledge-base/{bodyId}/{serviceCode}: the UCC's entry for a service (§5), every version, newest first. */
export async function knowledgeBaseEntry(bodyId: string, serviceCode: string, ports: Pick<UpdatePorts, 'knowledgeBase'>) {
  const versions = await ports.knowledgeBase.versions(bodyId, serviceCode);
  if (versions.length === 0) throw new NotFoundError(`No knowledge-base entry for service ${serviceCode} of body ${bodyId}`);
  return { bodyId, serviceCode, current: versions[0], versions };
}

/** GET …/versions: every version, newest first, each with what changed from the one before, field by field. */
export async function informationVersions(bodyId: string, serviceCode: string, ports: Pick<UpdatePorts, 'knowledgeBase'>) {
  const versions = await ports.knowledgeBase.versions(bodyId, serviceCode);
  if (versions.length === 0) throw new NotFoundError(`No knowledge-base entry for service ${serviceCode} of body ${bodyId}`);
  return {
    bodyId,
    serviceCode,
    items: versions.map((version, index) => ({
      ...version,
      changes: diffInformation(versions[index + 1]?.information as Record<string, unknown> | undefined, version.information as Record<string, unknown>),
    })),
  };
}
