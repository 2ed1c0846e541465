import { randomUUID } from 'node:crypto';
import type { Principal } from '#domain/access/roles.ts';
import { canAccessBody } from '#domain/access/body-access.ts';
import { InvalidInputError, NotFoundError } from '../errors.ts';
import { domainEvent } from '../events.ts';
import type { Clock } from '../ports.ts';
import { QUARTER_PATTERN, type AppealCountReader, type AppealCounts, type Quarter } from './appeal-counts.ts';
import { appealView, type AppealInput, type AppealView } from './appeal.ts';
import { parseAppealItems, planAppeals, type AppealOutcomeOfItem, type ParsedAppeal } from './appeal-intake.ts';
import type { AppealStore } from './appeal-port.ts';

export interface AppealPorts {
  appeals: AppealStore;
  counts: AppealCountReader;
  clock: Clock;
}

/** The event of a push's counting record: the effects add its counts to the quarter's counters (§13–§14). */
export const APPEALS_RECORDED = 'AppealsRecorded';

export interface AppealBatchResult {
  batchId: string;
  accepted: number;
  duplicates: number;
  rejected: number;
  /** One answer per item, in the order sent. */
  items: ({ index: number; id: string; outcome: 'accepted' | 'duplicate' } | { index: number; outcome: 'rejected'; errors: { field: string; message: string }[] })[];
}

/** A batch id sorts by when it was recorded (the counters' record of it stays readable in order). */
const newBatchId = (now: Date): string => `${now.getTime().toString(36)}-${randomUUID().slice(0, 8)}`;

/**
 * The intake: one batched read of the stored appeals and bodies, the pure plan, the appeals
 * written in BatchWriteItem calls, then one counting record for the push carrying its
 * aggregated counts (the effects count them: no counter write on the request path).
 */
async function intake(items: ParsedAppeal[], principal: Principal, ports: Pick<AppealPorts, 'appeals' | 'clock'>, fieldOf?: (index: number) => string) {
  const valid = items.flatMap((item) => ('appeal' in item ? [item.appeal] : []));
  const stored = await ports.appeals.readIntake([...new Set(valid.map((appeal) => appeal.id))], [...new Set(valid.map((appeal) => appeal.bodyId))]);
  const now = ports.clock.now();
  const batchId = newBatchId(now);
  const plan = planAppeals(items, stored, { batchId, actor: principal.clientId, now, fieldOf });
  const batch =
    plan.counts.length === 0
      ? undefined
      : {
          batchId,
          recordedAt: now.toISOString(),
          recordedBy: principal.clientId,
          accepted: plan.appeals.length,
          recounts: plan.recounts,
          // One event per push: its id is the push's (the counters' tokens derive from it too).
          event: domainEvent(APPEALS_RECORDED, { type: 'AppealBatch', id: batchId }, principal.clientId, now.toISOString(), { batchId, counts: plan.counts }, batchId),
        };
  if (plan.appeals.length > 0 || batch !== undefined) await ports.appeals.write(plan.appeals, batch);
  return { batchId, outcomes: plan.outcomes };
}

/** POST /v1/appeals/batch (§13): up to MAX_BATCH_APPEALS appeals, each answered on its own. */
export async function recordAppealBatch(items: readonly unknown[], principal: Principal, ports: Pick<AppealPorts, 'appeals' | 'clock'>): Promise<AppealBatchResult> {
  const { batchId, outcomes } = await intake(parseAppealItems(items), principal, ports);
  const count = (outcome: AppealOutcomeOfItem['outcome']) => outcomes.filter((item) => item.outcome === outcome).length;
  return {
    batchId,
    accepted: count('accepted'),
    duplicates: count('duplicate'),
    rejected: count('rejected'),
    items: outcomes.map((item) =>
      item.outcome === 'rejected' ? { index: item.index, outcome: item.outcome, errors: item.errors } : { index: item.index, id: item.appeal.id, outcome: item.outcome },
    ),
  };
}

/** POST /v1/appeals (§13): one appeal, validated by the route; a duplicate answers the appeal as first recorded. */
export async function recordAppeal(
  input: AppealInput,
  principal: Principal,
  ports: Pick<AppealPorts, 'appeals' | 'clock'>,
): Promise<{ outcome: 'accepted' | 'duplicate'; appeal: AppealView }> {
  const { outcomes } = await intake([{ index: 0, appeal: input }], principal, ports, () => 'body');
  const [outcome] = outcomes;
  if (outcome === undefined) throw new Error('no outcome for the appeal');
  if (outcome.outcome === 'rejected') throw new InvalidInputError(outcome.errors);
  return { outcome: outcome.outcome, appeal: appealView(outcome.appeal, principal) };
}

/** GET /v1/appeals/{id}: a body-bound client sees only appeals about its own body (another body's is as missing as an unknown one). */
export async function getAppeal(id: string, principal: Principal, ports: Pick<AppealPorts, 'appeals'>): Promise<AppealView> {
  const appeal = await ports.appeals.get(id);
  if (appeal === undefined || !canAccessBody(principal, appeal.bodyId)) throw new NotFoundError(`No appeal ${id}`);
  return appealView(appeal, principal);
}

/** GET /v1/appeal-counters?quarter= (§13–§14): the quarter's counters, read from the counters (never the appeals). */
export async function readAppealCounters(quarter: string, ports: Pick<AppealPorts, 'counts'>): Promise<AppealCounts> {
  if (!QUARTER_PATTERN.test(quarter)) throw new InvalidInputError([{ field: 'query.quarter', message: 'must be a quarter, e.g. 2026-Q3' }]);
  return ports.counts.readQuarter(quarter as Quarter);
}
