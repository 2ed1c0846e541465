import { createHash, randomUUID } from 'node:crypto';
import type * as z from 'zod';
import type { Principal } from '#domain/access/roles.ts';
import { loadWorkingCalendar } from '../calendar/load-calendar-years.ts';
import { toAlmatyDate } from '../calendar/local-date.ts';
import { CalendarYearMissingError } from '../calendar/working-calendar.ts';
import { acceptanceIdOf, openAcceptanceFrom, type AcceptancePorts } from '../acceptance/manage-acceptances.ts';
import { definedMembers } from '../defined-members.ts';
import { JOB_CONCURRENCY, mapBounded } from '../map-bounded.ts';
import { ConcurrentUpdateError, InvalidInputError, NotFoundError, StaleVersionError, StateConflictError } from '../errors.ts';
import { domainEvent } from '../events.ts';
import type { amendPlanSchema, createPlanSchema, planItemInputSchema, Plan, PlanItem, PlanRevision } from './plan.ts';
import { planNotFoundMessage } from './plan.ts';
import type { PlanStore } from './plan-port.ts';

type Ports = AcceptancePorts & { plans: PlanStore };
type ItemInput = z.output<typeof planItemInputSchema>;

const aggregateOf = (id: string) => ({ type: 'Plan', id });
const itemId = (planId: string, index: number): string => `${planId}-i${String(index).padStart(4, '0')}`;

async function checkBodies(items: ItemInput[], field: string, ports: Pick<Ports, 'bodies'>): Promise<void> {
  const issues: { field: string; message: string }[] = [];
  for (const [index, item] of items.entries()) {
    if ((await ports.bodies.get(item.bodyId)) === undefined) issues.push({ field: `${field}[${index}].bodyId`, message: 'no body with this id' });
  }
  if (issues.length > 0) throw new InvalidInputError(issues);
}

/**
 * §3: a plan item's date is the day its request goes out (§4): today or later, a working day,
 * in a year whose calendar is published. Bad dates are the caller's (400, naming the field); a
 * year with no calendar is 422, as everywhere a deadline needs one.
 */
async function checkPlannedDates(dates: { field: string; date: string }[], ports: Pick<Ports, 'calendars' | 'clock'>): Promise<void> {
  if (dates.length === 0) return;
  const today = toAlmatyDate(ports.clock.now());
  const calendar = await loadWorkingCalendar(ports.calendars);
  const issues: { field: string; message: string }[] = [];
  let missingYear: number | undefined;
  for (const { field, date } of dates) {
    if (date < today) {
      issues.push({ field, message: `must be today (${today}) or later: a plan item's request goes out on its date` });
      continue;
    }
    const year = Number(date.slice(0, 4));
    if (!calendar.hasYear(year)) {
      missingYear ??= year;
      continue;
    }
    const status = calendar.dayStatus(date);
    if (!status.working) {
      const why = status.entry === undefined ? status.reason : `${status.reason}: ${status.entry.name.en || status.entry.name.ru}`;
      issues.push({ field, message: `${date} is a day off (${why}); requests go out on working days` });
    }
  }
  if (issues.length > 0) throw new InvalidInputError(issues);
  if (missingYear !== undefined) throw new CalendarYearMissingError(missingYear);
}

/** POST /v1/plans (§3): a draft plan-schedule. */
export async function createPlan(
  input: z.output<typeof createPlanSchema>,
  actor: Principal,
  ports: Pick<Ports, 'plans' | 'bodies' | 'calendars' | 'clock'>,
  idempotencyKey?: string,
): Promise<{ plan: Plan; created: boolean }> {
  await checkBodies(input.items, 'body.items', ports);
  await checkPlannedDates(input.items.map((item, index) => ({ field: `body.items[${index}].plannedOn`, date: item.plannedOn })), ports);
  const now = ports.clock.now().toISOString();
  const id =
    idempotencyKey === undefined
      ? `plan-${randomUUID()}`
      : `plan-${createHash('sha256').update(`${actor.clientId}\n${idempotencyKey}`).digest('hex').slice(0, 32)}`;
  const plan: Plan = {
    id,
    title: input.title,
    status: 'draft',
    revision: 1,
    items: input.items.map((item, index) => ({ ...item, id: itemId(id, index + 1) })),
    revisions: [{ revision: 1, at: now, by: actor.clientId, change: 'created', summary: { added: input.items.length, removed: 0, rescheduled: 0 } }],
    createdAt: now,
    createdBy: actor.clientId,
    version: 1,
  };
  if (await ports.plans.create(plan, domainEvent('PlanCreated', aggregateOf(id), actor.clientId, now, { items: plan.items.length }))) {
    return { plan, created: true };
  }
  const existing = await ports.plans.get(id);
  if (existing === undefined) throw new StateConflictError('The plan is being created; retry');
  return { plan: existing, created: false };
}

export async function getPlan(id: string, ports: Pick<Ports, 'plans'>): Promise<Plan> {
  const plan = await ports.plans.get(id);
  if (plan === undefined) throw new NotFoundError(planNotFoundMessage(id));
  return plan;
}

/** POST /v1/plans/{id}/approval: the informatization authority approves the plan (§3). */
export async function approvePlan(id: string, ifMatch: number | undefined, actor: Principal, ports: Pick<Ports, 'plans' | 'clock'>): Promise<Plan> {
  const plan = await getPlan(id, ports);
  if (ifMatch !== undefined && ifMatch !== plan.version) throw new StaleVersionError(plan.version);
  if (plan.status === 'approved') throw new StateConflictError('The plan is already approved', { currentStatus: plan.status });
  const now = ports.clock.now().toISOString();
  const revision: PlanRevision = { revision: plan.revision, at: now, by: actor.clientId, change: 'approved', summary: { added: 0, removed: 0, rescheduled: 0 } };
  const next: Plan = { ...plan, status: 'approved', approvedAt: now, approvedBy: actor.clientId, revisions: [...plan.revisions, revision], version: plan.version + 1 };
  await ports.plans.save(next, plan.version, domainEvent('PlanApproved', aggregateOf(id), actor.clientId, now, { revision: plan.revision }));
  return next;
}

/**
 * POST /v1/plans/{id}/amendments: a new revision. Items whose acceptance is already open cannot
 * be removed or moved. An amendment by anyone but the informatization authority sends an
 * approved plan back to draft, to be approved again.
 */
export async function amendPlan(
  id: string,
  amendment: z.output<typeof amendPlanSchema>,
  ifMatch: number | undefined,
  actor: Principal,
  ports: Pick<Ports, 'plans' | 'bodies' | 'calendars' | 'clock'>,
): Promise<Plan> {
  const plan = await getPlan(id, ports);
  if (ifMatch !== undefined && ifMatch !== plan.version) throw new StaleVersionError(plan.version);
  await checkBodies(amendment.add ?? [], 'body.add', ports);
  await checkPlannedDates(
    [
      ...(amendment.add ?? []).map((item, index) => ({ field: `body.add[${index}].plannedOn`, date: item.plannedOn })),
      ...(amendment.reschedule ?? []).map((change, index) => ({ field: `body.reschedule[${index}].plannedOn`, date: change.plannedOn })),
    ],
    ports,
  );
  const items: PlanItem[] = plan.items.map((item) => ({ ...item }));
  const issues: { field: string; message: string }[] = [];
  const find = (itemIdValue: string, field: string): PlanItem | undefined => {
    const item = items.find((candidate) => candidate.id === itemIdValue && !candidate.removed);
    if (item === undefined) issues.push({ field, message: 'no such item in this plan' });
    else if (item.acceptanceId !== undefined) issues.push({ field, message: `its acceptance ${item.acceptanceId} is already open` });
    return item?.acceptanceId === undefined ? item : undefined;
  };
  for (const [index, removed] of (amendment.remove ?? []).entries()) {
    const item = find(removed, `body.remove[${index}]`);
    if (item) item.removed = true;
  }
  for (const [index, change] of (amendment.reschedule ?? []).entries()) {
    const item = find(change.itemId, `body.reschedule[${index}].itemId`);
    if (item) item.plannedOn = change.plannedOn;
  }
  if (issues.length > 0) throw new InvalidInputError(issues);
  for (const added of amendment.add ?? []) items.push({ ...added, id: itemId(id, items.length + 1) });
  const now = ports.clock.now().toISOString();
  const revisionNumber = plan.revision + 1;
  const summary = { added: amendment.add?.length ?? 0, removed: amendment.remove?.length ?? 0, rescheduled: amendment.reschedule?.length ?? 0 };
  const byApprover = actor.role === 'informatization_authority';
  const next: Plan = {
    ...plan,
    items,
    revision: revisionNumber,
    status: byApprover ? plan.status : 'draft',
    revisions: [...plan.revisions, { revision: revisionNumber, at: now, by: actor.clientId, change: 'amended', reason: amendment.reason, summary }],
    version: plan.version + 1,
  };
  await ports.plans.save(next, plan.version, domainEvent('PlanAmended', aggregateOf(id), actor.clientId, now, { revision: revisionNumber, ...summary, reason: amendment.reason }));
  return next;
}

/**
 * Daily (§3–§4): every item of an approved plan whose date has come gets its acceptance. The
 * acceptance id derives from the item, so a crash between the two writes, or a second run,
 * never opens two.
 */
export async function openPlannedAcceptances(ports: Ports): Promise<{ opened: string[]; failed: { planId: string; error: string }[] }> {
  const opened: string[] = [];
  const failed: { planId: string; error: string }[] = [];
  let cursor: string | undefined;
  do {
    const page = await ports.plans.list({ status: 'approved', limit: 50, ...definedMembers({ cursor }) });
    for (const plan of page.items) {
      // One plan's trouble must not hold back the others; the next run retries it.
      try {
        opened.push(...(await openDueItems(plan, ports)));
      } catch (error) {
        failed.push({ planId: plan.id, error: (error as Error).name });
      }
    }
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return { opened, failed };
}

/**
 * Opens the due items of one plan, then records their acceptances on it. An amendment that
 * lands in between does not undo an opening: the acceptance exists, so the plan says so.
 */
async function openDueItems(current: Plan, ports: Ports): Promise<string[]> {
  let plan = current;
  const today = toAlmatyDate(ports.clock.now());
  const actor = { clientId: 'schedule:acceptance-daily' };
  const opened: string[] = [];
  {
    {
      const due = plan.items.filter((item) => !item.removed && item.acceptanceId === undefined && item.plannedOn <= today);
      if (due.length === 0) return opened;
      // One batched read for every due item: the bodies, the acceptances that exist, their persons.
      const readAt = ports.clock.now();
      const read = await ports.context.read([...new Set(due.map((item) => item.bodyId))], readAt, {
        acceptanceIds: due.map((item) => acceptanceIdOf(item.bodyId, item.serviceCode)),
      });
      const outcomes = await mapBounded(due, JOB_CONCURRENCY, async (item) => ({
        itemId: item.id,
        ...(await openAcceptanceFrom(read, readAt, { bodyId: item.bodyId, serviceCode: item.serviceCode, serviceName: item.serviceName, planItemId: item.id }, actor, ports)),
      }));
      const results = new Map<string, string>();
      for (const { itemId, acceptance, created } of outcomes) {
        results.set(itemId, acceptance.id);
        if (created) opened.push(acceptance.id);
      }
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const now = ports.clock.now().toISOString();
        const next: Plan = {
          ...plan,
          items: plan.items.map((item) => (results.has(item.id) && item.acceptanceId === undefined ? { ...item, acceptanceId: results.get(item.id)!, openedAt: now } : item)),
          version: plan.version + 1,
        };
        try {
          await ports.plans.save(next, plan.version, domainEvent('PlanItemsOpened', aggregateOf(plan.id), actor.clientId, now, { items: [...results.keys()] }));
          break;
        } catch (error) {
          if (!(error instanceof ConcurrentUpdateError) || attempt === 2) throw error;
          plan = await getPlan(plan.id, ports);
        }
      }
    }
  }
  return opened;
}
