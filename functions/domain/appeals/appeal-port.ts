import type { DomainEvent } from '../ports.ts';
import type { Appeal } from './appeal.ts';
import type { Quarter } from './appeal-counts.ts';
import type { CounterIncrement, StoredAppealState } from './appeal-intake.ts';

/** The counting record of a push: its event carries what it adds to the counters (the effects count it). */
export interface AppealBatchRecord {
  batchId: string;
  recordedAt: string;
  recordedBy: string;
  accepted: number;
  /** `AppealsRecorded`, with the push's counts per quarter. */
  event: DomainEvent;
  /** Earlier pushes whose appeals this one counts (they failed before their own record): marked counted with it. */
  recounts: string[];
}

/** Port: §13 appeals, one record per appeal, and one counting record per push. */
export interface AppealStore {
  /**
   * In one batched read: the stored appeals among the ids and the registered bodies among the
   * body ids; then, only when some appeals are stored, which of their batches have a counting record.
   */
  readIntake(appealIds: readonly string[], bodyIds: readonly string[]): Promise<StoredAppealState>;
  /** Writes the new appeals (none stored before: the intake read said so), then the push's counting record. */
  write(appeals: readonly Appeal[], batch: AppealBatchRecord | undefined): Promise<void>;
  get(id: string): Promise<Appeal | undefined>;
}

/** Port of the effects: the sharded per-quarter counters. */
export interface AppealCounterWriter {
  /**
   * Adds the increments to one shard of a quarter, at most once per token (`token` recorded on
   * the shard in the same conditional write): a re-run changes nothing. Large pushes are split
   * into several writes, each with its own token derived from `token`. The tokens are kept by
   * the hour the push was recorded (`recordedAt`) for TOKEN_WINDOW_HOURS, so a shard's set stays
   * bounded however many pushes a quarter has.
   */
  add(quarter: Quarter, shard: number, token: string, increments: readonly CounterIncrement[], recordedAt: string): Promise<{ applied: number; skipped: number }>;
}
