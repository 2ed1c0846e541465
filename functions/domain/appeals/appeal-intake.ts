import { batchItemField, FUTURE_TOLERANCE_MS, parseBatchItems } from '../batch-items.ts';
import type { FieldIssue } from '../errors.ts';
import { APPEAL_DIMENSIONS, emptyAppealCounts, quarterOf, type AppealCounts, type AppealDimension, type Quarter } from './appeal-counts.ts';
import { appealSchema, type Appeal, type AppealInput } from './appeal.ts';

/**
 * §13 intake, pure: each appeal of a push is checked and answered on its own — accepted, a
 * duplicate of one already recorded (or earlier in the same push: the appeal id is its
 * identity), or rejected naming its fields (`items[3].channel`) — so one bad appeal never holds
 * back the others. The accepted ones are counted once per push (aggregateAppeals), not one
 * counter write per appeal.
 */
export const MAX_BATCH_APPEALS = 500;

export type ParsedAppeal = { index: number; appeal: AppealInput } | { index: number; errors: FieldIssue[] };

export const parseAppealItems = (items: readonly unknown[], fieldOf?: (index: number) => string): ParsedAppeal[] =>
  parseBatchItems(appealSchema, 'appeal', items, fieldOf);

/** A stored appeal as the intake reads it: the appeal, and whether its batch's counting record exists. */
export interface StoredAppealState {
  /** Stored appeals by id. */
  appeals: ReadonlyMap<string, Appeal>;
  /** The bodies of the push that are registered (an appeal names the body whose service it was about). */
  bodies: ReadonlySet<string>;
  /**
   * Batches whose counting record is stored. A stored appeal whose batch has none was written
   * by a push that failed before its counting record (a 5xx): its retry counts it, once.
   */
  countedBatches: ReadonlySet<string>;
}

export type AppealOutcomeOfItem =
  | { index: number; outcome: 'accepted'; appeal: Appeal }
  | { index: number; outcome: 'duplicate'; appeal: Appeal }
  | { index: number; outcome: 'rejected'; errors: FieldIssue[] };

export interface AppealPlan {
  outcomes: AppealOutcomeOfItem[];
  /** The appeals to write (accepted ones), each once. */
  appeals: Appeal[];
  /** What this push adds to the counters (accepted appeals, and stored ones never counted), per quarter. */
  counts: AppealCounts[];
  /** The earlier pushes whose stored appeals this one counts (they failed before their counting record). */
  recounts: string[];
}

export interface AppealIntakeContext {
  batchId: string;
  actor: string;
  now: Date;
  fieldOf?: ((index: number) => string) | undefined;
}

export function planAppeals(items: readonly ParsedAppeal[], stored: StoredAppealState, context: AppealIntakeContext): AppealPlan {
  const fieldOf = context.fieldOf ?? batchItemField;
  const recordedAt = context.now.toISOString();
  const latestAllowed = new Date(context.now.getTime() + FUTURE_TOLERANCE_MS).toISOString();
  const seen = new Map(stored.appeals);
  const uncounted = new Map<string, Appeal>();
  const plan: AppealPlan = { outcomes: [], appeals: [], counts: [], recounts: [] };
  for (const item of items) {
    if ('errors' in item) {
      plan.outcomes.push({ index: item.index, outcome: 'rejected', errors: item.errors });
      continue;
    }
    const input = item.appeal;
    const earlier = seen.get(input.id);
    if (earlier !== undefined) {
      // The first one stands; one stored by a push that failed before counting is counted now.
      if (stored.appeals.has(input.id) && !stored.countedBatches.has(earlier.batchId)) uncounted.set(earlier.id, earlier);
      plan.outcomes.push({ index: item.index, outcome: 'duplicate', appeal: earlier });
      continue;
    }
    const errors: FieldIssue[] = [];
    if (input.occurredAt > latestAllowed) errors.push({ field: `${fieldOf(item.index)}.occurredAt`, message: 'must not be in the future' });
    if (!stored.bodies.has(input.bodyId)) errors.push({ field: `${fieldOf(item.index)}.bodyId`, message: `no body ${input.bodyId} is registered` });
    if (errors.length > 0) {
      plan.outcomes.push({ index: item.index, outcome: 'rejected', errors });
      continue;
    }
    const appeal: Appeal = { ...input, recordedAt, recordedBy: context.actor, batchId: context.batchId };
    seen.set(appeal.id, appeal);
    plan.appeals.push(appeal);
    plan.outcomes.push({ index: item.index, outcome: 'accepted', appeal });
  }
  plan.counts = aggregateAppeals([...plan.appeals, ...uncounted.values()]);
  plan.recounts = [...new Set([...uncounted.values()].map((appeal) => appeal.batchId))];
  return plan;
}

/** The value an appeal is counted under in each dimension (§13). */
export const dimensionValue = (appeal: AppealInput, dimension: AppealDimension): string => {
  switch (dimension) {
    case 'service':
      return appeal.serviceCode;
    case 'body':
      return appeal.bodyId;
    default:
      return appeal[dimension];
  }
};

/**
 * The counts of a push, one entry per quarter its appeals occurred in (the Almaty calendar,
 * appeal-counts.ts), each value once however many appeals share it: the counters get one
 * increment per distinct value per push, not one per appeal. Quarters in order.
 */
export function aggregateAppeals(appeals: readonly AppealInput[]): AppealCounts[] {
  const byQuarter = new Map<Quarter, AppealCounts>();
  for (const appeal of appeals) {
    const quarter = quarterOf(new Date(appeal.occurredAt));
    let counts = byQuarter.get(quarter);
    if (counts === undefined) {
      counts = emptyAppealCounts(quarter);
      byQuarter.set(quarter, counts);
    }
    counts.total += 1;
    for (const dimension of APPEAL_DIMENSIONS) {
      const value = dimensionValue(appeal, dimension);
      counts.by[dimension][value] = (counts.by[dimension][value] ?? 0) + 1;
    }
  }
  return [...byQuarter.values()].sort((a, b) => (a.quarter < b.quarter ? -1 : 1));
}

/** The sum of counters (the shards of a quarter, or quarters' deltas), for one quarter. */
export function sumAppealCounts(quarter: Quarter, parts: readonly AppealCounts[]): AppealCounts {
  const sum = emptyAppealCounts(quarter);
  for (const part of parts) {
    sum.total += part.total;
    for (const dimension of APPEAL_DIMENSIONS) {
      for (const [value, count] of Object.entries(part.by[dimension])) sum.by[dimension][value] = (sum.by[dimension][value] ?? 0) + count;
    }
  }
  return sum;
}

/**
 * Counter shards per quarter. A hot counter (the 1414 line's channel in the current quarter)
 * takes every push; spread over shards with their own partition keys, each shard gets 1/4 of
 * the writes, so none comes near a DynamoDB partition's 1,000 WCU/s (docs/capacity.md).
 */
export const APPEAL_COUNTER_SHARDS = 4;

/** The shard a push's counts go to, from its batch id (FNV-1a): a re-run of the push hits the same shard, where its id is recorded. */
export function shardOf(batchId: string, shards = APPEAL_COUNTER_SHARDS): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < batchId.length; index += 1) {
    hash ^= batchId.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % shards;
}

/** One counter increment: the dimension, its value and by how much (the adapter turns it into an ADD). */
export interface CounterIncrement {
  dimension: AppealDimension | 'total';
  value: string;
  by: number;
}

/** A quarter's counts as increments in a stable order (dimension, then value), so a re-run splits them into the same updates. */
export function incrementsOf(counts: AppealCounts): CounterIncrement[] {
  const increments: CounterIncrement[] = [{ dimension: 'total', value: '', by: counts.total }];
  for (const dimension of APPEAL_DIMENSIONS) {
    for (const value of Object.keys(counts.by[dimension]).sort()) increments.push({ dimension, value, by: counts.by[dimension][value] as number });
  }
  return increments;
}
