import { DescribeTableCommand, DynamoDBClient, type AttributeValue } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
  type _Record as StreamRecord,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { logger } from '#commons/logger.ts';
import { PENDING_WORK_ATTRIBUTE } from '#effects/stream-consumer.ts';
import type { ItemKey, PendingItem } from '#effects/effect-ports.ts';
import { pollControl, sleep, type PollControl } from './poll-control.ts';

/**
 * Feeds the effects function locally with the same handler and the same event shape as the
 * event source mapping in AWS:
 * - `stream`: DynamoDB Local has streams; its records are polled (DescribeStream,
 *   GetShardIterator, GetRecords), filtered like the mapping (items carrying pending work), and
 *   a shard advances only past records the handler finished;
 * - `pending-index`: dynalite has none; items marked in the sparse `pending` index are read and
 *   handed over as if they had come from the stream.
 */
export type EffectsHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;

export interface EffectsFeeder {
  readonly mode: 'stream' | 'pending-index' | 'off';
  /** True while a batch is in the handler. */
  busy(): boolean;
  /** Tests: hold the feeder (what is in the handler finishes), then let it go on. */
  pause(): void;
  resume(): void;
  /** True between pause() and resume(). */
  paused(): boolean;
  /** A command just committed: poll now instead of at the end of the interval. */
  nudge(): void;
  stop(): Promise<void>;
}

const local = { region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
const MAX_BACKOFF_MS = 5_000;

/** What the event source mapping's filter lets through: new images that carry pending work. */
const carriesPendingWork = (record: DynamoDBRecord): boolean => record.dynamodb?.NewImage?.[PENDING_WORK_ATTRIBUTE]?.S !== undefined;

/** The feeder's face: its control, and a stop that waits for the polling loop to end. */
const feederOf = (
  mode: EffectsFeeder['mode'],
  control: PollControl,
  loop: Promise<void>,
  afterStop: () => void = () => undefined,
): EffectsFeeder => ({
  mode,
  busy: control.busy,
  pause: control.pause,
  resume: control.resume,
  paused: control.isPaused,
  nudge: control.nudge,
  async stop() {
    control.stop();
    control.nudge();
    await loop;
    afterStop();
  },
});

/** DynamoDB Local's stream → the effects handler. */
export async function startStreamFeeder(options: {
  endpoint: string;
  tableName: string;
  handler: EffectsHandler;
  intervalMs?: number;
}): Promise<EffectsFeeder> {
  const intervalMs = options.intervalMs ?? 100;
  const dynamodb = new DynamoDBClient({ endpoint: options.endpoint, ...local });
  const streams = new DynamoDBStreamsClient({ endpoint: options.endpoint, ...local });
  const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: options.tableName }));
  dynamodb.destroy();
  const streamArn = Table?.LatestStreamArn;
  if (streamArn === undefined) throw new Error(`Table ${options.tableName} has no stream: it must be created with StreamSpecification`);
  const control = pollControl();

  interface ShardCursor {
    iterator?: string | undefined;
    lastSequence?: string;
    closed: boolean;
    backoffMs: number;
  }
  const cursors = new Map<string, ShardCursor>();

  const iteratorFor = async (shardId: string, cursor: ShardCursor, at?: string): Promise<string | undefined> => {
    const position =
      at !== undefined
        ? { ShardIteratorType: 'AT_SEQUENCE_NUMBER' as const, SequenceNumber: at }
        : cursor.lastSequence !== undefined
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER' as const, SequenceNumber: cursor.lastSequence }
          : { ShardIteratorType: 'TRIM_HORIZON' as const };
    const { ShardIterator } = await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ...position }));
    return ShardIterator;
  };

  /**
   * The streams client (3.1141) reads an empty map `{"M":{}}` back as `{}`, which no
   * unmarshaller accepts; Lambda's event JSON carries it intact. Put it back.
   */
  const repaired = (value: AttributeValue): AttributeValue => {
    if (Object.keys(value).length === 0) return { M: {} };
    if (value.M !== undefined) return { M: Object.fromEntries(Object.entries(value.M).map(([k, v]) => [k, repaired(v)])) };
    if (value.L !== undefined) return { L: value.L.map(repaired) };
    return value;
  };
  const repairedImage = (image: Record<string, AttributeValue>) =>
    Object.fromEntries(Object.entries(image).map(([name, value]) => [name, repaired(value)]));

  const toLambdaRecord = (record: StreamRecord): DynamoDBRecord => {
    const data = record.dynamodb;
    return {
      eventID: record.eventID,
      eventName: record.eventName as DynamoDBRecord['eventName'],
      eventVersion: record.eventVersion ?? '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: record.awsRegion ?? 'us-east-1',
      eventSourceARN: streamArn,
      dynamodb: {
        ...(data?.ApproximateCreationDateTime === undefined
          ? {}
          : { ApproximateCreationDateTime: Math.floor(data.ApproximateCreationDateTime.getTime() / 1000) }),
        Keys: data?.Keys as never,
        ...(data?.NewImage === undefined ? {} : { NewImage: repairedImage(data.NewImage as Record<string, AttributeValue>) as never }),
        SequenceNumber: data?.SequenceNumber as string,
        SizeBytes: data?.SizeBytes as number,
        StreamViewType: data?.StreamViewType as 'NEW_IMAGE',
      },
    } as DynamoDBRecord;
  };

  /** One GetRecords on one shard; true if it returned records (poll again at once). */
  const pollShard = async (shard: Shard): Promise<boolean> => {
    const shardId = shard.ShardId as string;
    let cursor = cursors.get(shardId);
    if (cursor === undefined) {
      cursor = { closed: false, backoffMs: intervalMs };
      cursors.set(shardId, cursor);
    }
    if (cursor.closed) return false;
    cursor.iterator ??= await iteratorFor(shardId, cursor);
    if (cursor.iterator === undefined) {
      cursor.closed = true;
      return false;
    }
    let page;
    try {
      page = await streams.send(new GetRecordsCommand({ ShardIterator: cursor.iterator, Limit: 100 }));
    } catch (error) {
      if (error instanceof ExpiredIteratorException || error instanceof TrimmedDataAccessException) {
        delete cursor.iterator; // a fresh iterator after the last finished record
        return true;
      }
      throw error;
    }
    const records = (page.Records ?? []).map(toLambdaRecord);
    const wanted = records.filter(carriesPendingWork);
    if (wanted.length > 0) {
      const response = await control.run(() => options.handler({ Records: wanted }));
      const failed = response.batchItemFailures[0]?.itemIdentifier;
      if (failed !== undefined) {
        // Resume at the first failed record, after a growing pause (as the mapping retries).
        const before = records.filter((record) => (record.dynamodb?.SequenceNumber ?? '') < failed).at(-1);
        if (before?.dynamodb?.SequenceNumber !== undefined) cursor.lastSequence = before.dynamodb.SequenceNumber;
        cursor.iterator = await iteratorFor(shardId, cursor, failed);
        await sleep(cursor.backoffMs);
        cursor.backoffMs = Math.min(cursor.backoffMs * 2, MAX_BACKOFF_MS);
        return false;
      }
      cursor.backoffMs = intervalMs;
    }
    const last = records.at(-1)?.dynamodb?.SequenceNumber;
    if (last !== undefined) cursor.lastSequence = last;
    if (page.NextShardIterator === undefined || page.NextShardIterator === null) {
      cursor.closed = true; // a closed shard: its children carry on
      return false;
    }
    cursor.iterator = page.NextShardIterator;
    return records.length > 0;
  };

  const loop = (async () => {
    while (await control.ready(intervalMs)) {
      let more = false;
      try {
        const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
        const shards = StreamDescription?.Shards ?? [];
        const finished = (id: string | undefined) => id === undefined || cursors.get(id)?.closed === true || !shards.some((s) => s.ShardId === id);
        // A child shard is read once its parent is drained, so one item's records stay in order.
        for (const shard of shards) {
          if (control.stopped) break;
          if (!finished(shard.ParentShardId)) continue;
          if (await pollShard(shard)) more = true;
        }
      } catch (error) {
        if (control.stopped) break;
        logger.error('local stream feeder: polling failed', { error: (error as Error).name, detail: String((error as Error).message).slice(0, 200) });
      }
      if (!more) await control.idle(intervalMs);
    }
  })();

  return feederOf('stream', control, loop, () => streams.destroy());
}

/** dynalite's pending index → the effects handler (one synthetic stream record per item). */
export function startPendingIndexFeeder(options: {
  handler: EffectsHandler;
  listPending: () => Promise<ItemKey[]>;
  read: (key: ItemKey) => Promise<PendingItem | undefined>;
  intervalMs?: number;
}): EffectsFeeder {
  const intervalMs = options.intervalMs ?? 100;
  const control = pollControl();
  const retryAt = new Map<string, { at: number; backoffMs: number }>();
  let sequence = 0;

  const loop = (async () => {
    while (await control.ready(intervalMs)) {
      try {
        for (const key of await options.listPending()) {
          if (control.stopped) break;
          const id = `${key.pk}\n${key.sk}`;
          const wait = retryAt.get(id);
          if (wait !== undefined && wait.at > Date.now()) continue;
          const item = await options.read(key);
          if (item === undefined) continue;
          sequence += 1;
          const record = {
            eventID: `pending-${sequence}`,
            eventName: 'MODIFY',
            eventVersion: '1.1',
            eventSource: 'aws:dynamodb',
            awsRegion: 'us-east-1',
            dynamodb: {
              Keys: marshall(key) as Record<string, AttributeValue>,
              NewImage: marshall(item, { removeUndefinedValues: true, convertClassInstanceToMap: false }) as Record<string, AttributeValue>,
              SequenceNumber: String(sequence).padStart(21, '0'),
              SizeBytes: 0,
              StreamViewType: 'NEW_IMAGE',
            },
          } as unknown as DynamoDBRecord;
          const response = await control.run(() => options.handler({ Records: [record] }));
          // Finished without clearing (a mail another sender still holds): like a failure, it
          // waits longer each time instead of spinning.
          const stillPending = response.batchItemFailures.length === 0 && (await options.read(key))?.version === item.version;
          if (response.batchItemFailures.length === 0 && !stillPending) retryAt.delete(id);
          else {
            const backoffMs = Math.min((wait?.backoffMs ?? intervalMs / 2) * 2, MAX_BACKOFF_MS);
            retryAt.set(id, { at: Date.now() + backoffMs, backoffMs });
          }
        }
      } catch (error) {
        if (control.stopped) break;
        logger.error('local pending feeder: polling failed', { error: (error as Error).name });
      }
      await control.idle(intervalMs);
    }
  })();

  return feederOf('pending-index', control, loop);
}

/** No feeder: committed work waits for the re-drive job (the local stack with effects off). */
export const idleFeeder = (): EffectsFeeder => ({
  mode: 'off',
  busy: () => false,
  pause: () => undefined,
  resume: () => undefined,
  paused: () => false,
  nudge: () => undefined,
  stop: async () => undefined,
});
