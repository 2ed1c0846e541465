import type { Principal } from '#domain/access/roles.ts';
import { canAccessBody } from '#domain/access/body-access.ts';
import { bodyNotFoundMessage, type BodyKind } from '../directory/body.ts';
import { InvalidInputError, NotFoundError, StateConflictError, UnprocessableError } from '../errors.ts';
import type { Clock } from '../ports.ts';
import { applicationView, HISTORY_LIMIT, type ApplicationView, type StageEvent, type StageEventInput } from './service-stage.ts';
import type { ServiceStageStore } from './service-stage-port.ts';
import { parseStageItems, planStageEvents, type ItemOutcome, type ParsedItem } from './stage-events.ts';

export interface StagePorts {
  stages: ServiceStageStore;
  clock: Clock;
}

/** The participants that provide public services (§2) and so enter stage data (§16); the UCC and the authorities do not. */
const PROVIDER_KINDS: ReadonlySet<BodyKind> = new Set(['central_body', 'local_executive_body', 'public_service_center', 'service_provider']);

export interface StageBatchResult {
  accepted: number;
  duplicates: number;
  rejected: number;
  /** One answer per item, in the order sent. */
  items: ({ index: number; outcome: 'accepted' | 'duplicate' } | { index: number; outcome: 'rejected'; errors: { field: string; message: string }[] })[];
}

/**
 * The intake of parsed items (§16): one batched read of the body and of what is stored for
 * the items' applications and events, the pure plan, one batched write of what it accepts.
 * Events of one application pushed at once by two callers are separate records, so neither
 * loses the other's.
 */
async function intake(bodyId: string, items: ParsedItem[], principal: Principal, ports: StagePorts, fieldOf?: (index: number) => string): Promise<ItemOutcome[]> {
  if (!canAccessBody(principal, bodyId)) throw new NotFoundError(bodyNotFoundMessage(bodyId));
  const valid = items.flatMap((item) => ('event' in item ? [item.event] : []));
  const stored = await ports.stages.readIntake(bodyId, [...new Set(valid.map((event) => event.applicationNumber))], valid);
  if (stored.body === undefined) throw new NotFoundError(bodyNotFoundMessage(bodyId));
  if (!PROVIDER_KINDS.has(stored.body.kind)) {
    throw new UnprocessableError(`Body ${bodyId} is a ${stored.body.kind}: only service providers enter service-stage data (§16)`);
  }
  const plan = planStageEvents(items, stored, { bodyId, actor: principal.clientId, now: ports.clock.now(), fieldOf });
  if (plan.events.length > 0) await ports.stages.write(plan.events, plan.applications);
  return plan.outcomes;
}

/** POST /v1/bodies/{id}/service-stages/batch: up to MAX_BATCH_EVENTS events, each answered on its own. */
export async function recordStageBatch(bodyId: string, items: readonly unknown[], principal: Principal, ports: StagePorts): Promise<StageBatchResult> {
  const outcomes = await intake(bodyId, parseStageItems(items), principal, ports);
  const count = (outcome: ItemOutcome['outcome']) => outcomes.filter((item) => item.outcome === outcome).length;
  return {
    accepted: count('accepted'),
    duplicates: count('duplicate'),
    rejected: count('rejected'),
    items: outcomes.map((item) => (item.outcome === 'rejected' ? { index: item.index, outcome: item.outcome, errors: item.errors } : { index: item.index, outcome: item.outcome })),
  };
}

/**
 * POST /v1/bodies/{id}/service-stages: one event, validated by the route. A duplicate answers
 * the event as first recorded; a refusal is a 400 naming `body.<field>`, or a 409 when the
 * application is for another service.
 */
export async function recordStageEvent(
  bodyId: string,
  event: StageEventInput,
  principal: Principal,
  ports: StagePorts,
): Promise<{ outcome: 'accepted' | 'duplicate'; event: StageEvent }> {
  const [outcome] = await intake(bodyId, [{ index: 0, event }], principal, ports, () => 'body');
  if (outcome === undefined) throw new Error('no outcome for the event');
  if (outcome.outcome !== 'rejected') return { outcome: outcome.outcome, event: outcome.event };
  if (outcome.conflict === true) throw new StateConflictError(outcome.errors.map((error) => error.message).join('; '), { errors: outcome.errors });
  throw new InvalidInputError(outcome.errors);
}

/**
 * GET /v1/bodies/{id}/applications/{applicationNumber} (§15): the current stage and the
 * history, in one read of the application's events. A body-bound client sees only its own
 * body's applications; another body's is as missing as an unknown one.
 */
export async function lookUpApplication(bodyId: string, applicationNumber: string, principal: Principal, ports: Pick<StagePorts, 'stages'>): Promise<ApplicationView> {
  const missing = () => new NotFoundError(`No application ${applicationNumber} of body ${bodyId}`);
  if (!canAccessBody(principal, bodyId)) throw missing();
  const { events, more } = await ports.stages.history(bodyId, applicationNumber, HISTORY_LIMIT);
  const view = applicationView(events, !more);
  if (view === undefined) throw missing();
  return view;
}
