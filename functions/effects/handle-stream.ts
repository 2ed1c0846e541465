import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { logger } from '#commons/logger.ts';
import { effectPorts, pendingItemOfImage } from '#adapters/effects-composition.ts';
import type { EffectPorts } from './effect.ts';
import { finishPendingWork } from './finish-pending-work.ts';

/**
 * The effects function: each stream record of an item that carries pending work is finished
 * (functions/effects/effects.ts). Records of one item arrive in order; at the first failure
 * the rest of the batch is reported failed too (partial batch response), so the retry resumes
 * from it and never runs a later version's effects before an earlier one's.
 */
export async function processRecords(records: readonly DynamoDBRecord[], ports: EffectPorts): Promise<DynamoDBBatchResponse> {
  for (const [index, record] of records.entries()) {
    const image = record.dynamodb?.NewImage;
    if (image === undefined) continue; // a deletion (TTL clean-up): nothing to finish
    try {
      const item = pendingItemOfImage(image);
      if (item === undefined) continue;
      await finishPendingWork(item, ports);
    } catch (error) {
      logger.warn('effects failed; the record is retried', {
        entity: ports.pending.kindOf(image.pk?.S),
        error: (error as Error).name,
      });
      return {
        batchItemFailures: records
          .slice(index)
          .map((failed) => ({ itemIdentifier: failed.dynamodb?.SequenceNumber ?? '' }))
          .filter((failure) => failure.itemIdentifier !== ''),
      };
    }
  }
  return { batchItemFailures: [] };
}

let ports: EffectPorts | undefined;

export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  ports ??= effectPorts();
  return processRecords(event.Records, ports);
};
