import type * as z from 'zod';
import type { Principal } from '#domain/access/roles.ts';
import { caseId } from '../case-id.ts';
import { recountAndSave } from '../deadlines/case-deadline.ts';
import { acceptUploads, storeUploads } from '../documents/accept-upload.ts';
import { toAlmatyDate } from '../calendar/local-date.ts';
import type { BodyStore } from '../directory/body-port.ts';
import { InvalidInputError, NotFoundError, StaleVersionError, StateConflictError, UnprocessableError } from '../errors.ts';
import type { Clock, ContextReader } from '../ports.ts';
import { rulebookOn, type Rulebook } from '../rulebook/rulebook.ts';
import { SEED_RULEBOOKS } from '../rulebook/seed-rulebooks.ts';
import {
  explainDiscrepancy,
  recordQaTrainingHeld,
  recountCase,
  registerDiscrepancy,
  requestQaTraining,
  scheduleQaTraining,
  type CaseContext,
  type CaseOutcome,
  type Discrepancy,
  type QaTraining,
  type registerDiscrepancySchema,
  type trainingHeldSchema,
  type trainingRequestSchema,
} from './authority-cases.ts';
import type { AuthorityStores, CaseStore } from './authority-port.ts';
import { definedMembers } from '../defined-members.ts';

export interface AuthorityPorts extends AuthorityStores {
  bodies: BodyStore;
  context: ContextReader;
  clock: Clock;
}

const rulebookById = (id: string): Rulebook => SEED_RULEBOOKS.find((candidate) => candidate.id === id) ?? SEED_RULEBOOKS[0]!;

/** The command's context: the calendar (one batched read with the body), the UCC's and the authority's addresses. */
async function contextFor(bodyId: string, actor: string, ports: AuthorityPorts, rulebook?: Rulebook): Promise<CaseContext & { bodyKnown: boolean }> {
  const now = ports.clock.now();
  const [read, authorities] = await Promise.all([ports.context.read([bodyId], now), ports.bodies.list({ kind: 'quality_authority', limit: 1 })]);
  const authorityEmail = authorities.items[0]?.email;
  return {
    now,
    actor,
    calendar: read.calendar,
    rulebook: rulebook ?? rulebookOn(toAlmatyDate(now), SEED_RULEBOOKS),
    recipients: { uccEmail: read.ucc?.email, authorityEmail },
    bodyKnown: read.bodies.has(bodyId),
  };
}

async function createOnce<T extends { id: string }>(store: CaseStore<T, string>, outcome: CaseOutcome<T>): Promise<T> {
  if (await store.create(outcome.state, outcome.events, outcome.messages)) return outcome.state;
  const existing = await store.get(outcome.state.id);
  if (existing === undefined) throw new StateConflictError('The case is being created; retry');
  return existing; // the same command again (its Idempotency-Key)
}

async function getCase<T>(store: CaseStore<T, string>, id: string, what: string): Promise<T> {
  const found = await store.get(id);
  if (found === undefined) throw new NotFoundError(`No ${what} with id ${id}`);
  return found;
}

/** POST /v1/discrepancies (the quality authority, §20): one case of discrepancy in a body's reporting. */
export async function openDiscrepancy(input: z.output<typeof registerDiscrepancySchema>, principal: Principal, ports: AuthorityPorts, idempotencyKey?: string) {
  const context = await contextFor(input.bodyId, principal.clientId, ports);
  if (!context.bodyKnown) throw new InvalidInputError([{ field: 'body.bodyId', message: 'no body with this id' }]);
  const outcome = registerDiscrepancy({ id: caseId('dsc', input.bodyId, principal.clientId, idempotencyKey), ...input }, context);
  return createOnce(ports.discrepancies, outcome);
}

export async function explain(
  id: string,
  input: { explanation: string; attachments?: { fileName: string; contentType: string; contentBase64: string }[] },
  ifMatch: number | undefined,
  principal: Principal,
  ports: AuthorityPorts,
): Promise<Discrepancy> {
  const state = await getCase(ports.discrepancies, id, 'discrepancy');
  if (ifMatch !== undefined && ifMatch !== state.version) throw new StaleVersionError(state.version);
  if (state.status !== 'open') throw new StateConflictError(`The discrepancy is ${state.status}; it is explained once`, { currentStatus: state.status });
  const uploads = acceptUploads(input.attachments, 'body.attachments');
  const context = await contextFor(state.bodyId, principal.clientId, ports, rulebookById(state.rulebookId));
  const outcome = explainDiscrepancy(state, { explanation: input.explanation, attachments: uploads.map((upload) => upload.document) }, context);
  await storeUploads(uploads, (bytes, meta) => ports.putDocument(bytes, meta));
  await ports.discrepancies.save(outcome.state, state.version, outcome.events, outcome.messages);
  return outcome.state;
}

/** POST /v1/qa-trainings (the quality authority's written request, §19). */
export async function requestTraining(input: z.output<typeof trainingRequestSchema>, principal: Principal, ports: AuthorityPorts, idempotencyKey?: string) {
  const authority = (await ports.bodies.list({ kind: 'quality_authority', limit: 1 })).items[0];
  if (authority === undefined) throw new UnprocessableError('No quality authority is registered in the directory (POST /v1/bodies, kind quality_authority)');
  const context = await contextFor(authority.id, principal.clientId, ports);
  const outcome = requestQaTraining(
    {
      id: caseId('trn', authority.id, principal.clientId, idempotencyKey),
      bodyId: authority.id,
      topic: input.topic,
      ...definedMembers({ participants: input.participants, preferredDates: input.preferredDates }),
    },
    context,
  );
  return createOnce(ports.trainings, outcome);
}

export async function advanceTraining(
  id: string,
  step: { action: 'schedule'; scheduledOn: string } | { action: 'held'; input: z.output<typeof trainingHeldSchema> },
  principal: Principal,
  ports: AuthorityPorts,
): Promise<QaTraining> {
  const state = await getCase(ports.trainings, id, 'training request');
  const context = await contextFor(state.bodyId, principal.clientId, ports, rulebookById(state.rulebookId));
  const outcome = step.action === 'schedule' ? scheduleQaTraining(state, step.scheduledOn, context) : recordQaTrainingHeld(state, step.input, context);
  await ports.trainings.save(outcome.state, state.version, outcome.events, outcome.messages);
  return outcome.state;
}

export const getDiscrepancy = (id: string, ports: AuthorityPorts) => getCase(ports.discrepancies, id, 'discrepancy');
export const getTraining = (id: string, ports: AuthorityPorts) => getCase(ports.trainings, id, 'training request');

/** After a calendar change: one case's open deadlines recounted, one write (retried once). */
export function recalculateCase(type: 'discrepancy' | 'qaTraining', id: string, deadlineIds: string[], page: string, ports: AuthorityPorts): Promise<boolean> {
  const store = (type === 'discrepancy' ? ports.discrepancies : ports.trainings) as CaseStore<Discrepancy | QaTraining, string>;
  return recountAndSave(
    page,
    () => store.get(id),
    async (state) => {
      const now = ports.clock.now();
      const read = await ports.context.read([], now);
      return recountCase(type, state, deadlineIds, { now, actor: 'calendar-change', calendar: read.calendar, rulebook: rulebookById(state.rulebookId) });
    },
    (state, expectedVersion, events, messages) => store.save(state, expectedVersion, events, messages),
  );
}
