/**
 * The effects function as the CDK stack and the local stack deploy it: one Lambda fed by the
 * table's DynamoDB stream (only records of items that carry pending work), in order per item.
 * Kept apart from the effects table (effects.ts) so that the CDK app reads it without loading
 * the adapters.
 */
export const EFFECTS_FUNCTION = {
  name: 'effects',
  entry: 'functions/effects/handle-stream.ts',
  description: 'Runs the effects of committed commands (audit log, projections, schedules, e-mail) from the table stream',
  /** Records per invocation, and how long the mapping may gather them. */
  batchSize: 25,
  maxBatchingWindowSeconds: 1,
  /** Each failing record is retried (bisecting the batch) this often, then goes to the on-failure queue. */
  retryAttempts: 8,
  /** The re-drive job (schedules.ts) finishes whatever the queue received, from the pending index. */
  timeoutSeconds: 60,
} as const;

/** The stream records the function wants: items written with pending work (docs/design.md "Storage"). */
export const PENDING_WORK_ATTRIBUTE = 'pendingPk';
