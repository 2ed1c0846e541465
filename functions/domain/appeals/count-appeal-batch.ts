import type { AppealCounts } from './appeal-counts.ts';
import { incrementsOf, shardOf } from './appeal-intake.ts';
import type { AppealCounterWriter } from './appeal-port.ts';

/**
 * The effect of a push's counting record (§13–§14): for each quarter its appeals occurred in,
 * one shard (chosen from the batch id) gets one increment per distinct value. The token is the
 * batch id and the quarter, so a re-run of the effect (the stream retries, the re-drive) lands
 * on the same shard and is refused there.
 */
export async function countAppealBatch(data: Record<string, unknown>, counters: AppealCounterWriter, recordedAt: string): Promise<{ applied: number; skipped: number }> {
  const batchId = String(data.batchId);
  const shard = shardOf(batchId);
  const total = { applied: 0, skipped: 0 };
  for (const counts of data.counts as AppealCounts[]) {
    const result = await counters.add(counts.quarter, shard, `${batchId}#${counts.quarter}`, incrementsOf(counts), recordedAt);
    total.applied += result.applied;
    total.skipped += result.skipped;
  }
  return total;
}
