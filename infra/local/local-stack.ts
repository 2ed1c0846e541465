import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { join } from 'node:path';
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  ScanCommand,
  UpdateTimeToLiveCommand,
  type AttributeValue,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { reindexed } from '#adapters/reindex-items.ts';
import { repairIndexes, scanAll } from './repair-indexes.ts';
import { createTableInput, STREAM_VIEW_TYPE, TABLE_INDEXES, TTL_ATTRIBUTE } from '#infra/table-definition.ts';
import { EFFECTS_FUNCTION } from '#effects/stream-consumer.ts';
import { ONE_TIME_TARGETS, SCHEDULES, SCHEDULE_TIME_ZONE } from '#jobs/schedules.ts';
import { setClock, systemClock } from '#adapters/clock.ts';
import { loadHandler, REPO_ROOT } from './handlers.ts';
import { lambdaContext } from './lambda-context.ts';
import { createLocalHttpServer } from './http-server.ts';
import { startScheduleRunner, type ScheduleRunner } from './schedule-runner.ts';
import { startSentEventsPoller, type MailSentHandler } from './ses-sent-events.ts';
import { MAIL_SENT_FUNCTION } from '#effects/mail-sent-event.ts';
import { idleFeeder, startPendingIndexFeeder, startStreamFeeder, type EffectsFeeder, type EffectsHandler } from './effects-feeder.ts';

/**
 * The whole system on one machine, all on 127.0.0.1: dynalite (persisted under dataDir) or an
 * Amazon DynamoDB Local server given by its endpoint, the SES emulator with its inbox, the local
 * API Gateway, the effects feeder (the table's stream, or dynalite's pending index) and the
 * schedule runner. Handlers read their configuration from process.env once, so one process runs
 * one local stack.
 */
export interface LocalStackOptions {
  /** Where dynalite keeps its LevelDB files and the admin key; null keeps everything in memory. */
  dataDir: string | null;
  host?: string;
  port?: number;
  dynamoPort?: number;
  /** An Amazon DynamoDB Local (or other) endpoint to use instead of the embedded dynalite. */
  dynamoEndpoint?: string;
  sesPort?: number;
  /** An SES (v2) endpoint to send to instead of the embedded emulator. */
  sesEndpoint?: string;
  /** Port of the embedded S3-compatible server (s3rver) for the documents; 0 picks a free one. */
  s3Port?: number;
  /** false: no effects feeder (work stays pending until the re-drive job runs, as after a crash). */
  effects?: boolean;
  adminKey?: string;
  tableName?: string;
  scheduleRunner?: boolean;
  seedDemoData?: boolean;
  /** The built console to serve at /console/ (infra/console-build.ts); absent: no console. */
  consoleDir?: string;
}

export interface LocalStack {
  url: string;
  dynamoEndpoint: string;
  sesEndpoint: string;
  /** The S3-compatible server holding the documents bucket (under DATA_DIR/s3, or a temporary directory). */
  s3Endpoint: string;
  adminKey: string;
  adminKeyGenerated: boolean;
  /** The clock a previous run set (POST /local/clock), kept in DATA_DIR and in force again; undefined: the real clock. */
  clockOffsetMs?: number;
  runJob(name: string, input?: Record<string, unknown>): Promise<unknown>;
  /** The effects feeder: `stream` on DynamoDB Local, `pending-index` on dynalite. */
  effects: EffectsFeeder;
  /** Resolves once every committed write's effects are finished (polls the pending index). */
  settle(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';
}

function listen(server: Server, port: number, host: string, label: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new PortInUseError(`Port ${port} on ${host} is already in use (${label}): set ${label} to a free port`)
          : error,
      );
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

async function startSes(host: string, port: number): Promise<{ server: Server; port: number }> {
  // The emulator binds inside its own listen; probe the port first for a clear message.
  const { createServer } = await import('node:net');
  const probe = createServer();
  const free = await new Promise<number>((resolve, reject) => {
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(`Port ${port} on ${host} is already in use (SES_PORT): set SES_PORT to a free port`) : error),
    );
    probe.listen(port, host, () => resolve((probe.address() as AddressInfo).port));
  });
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  const sesLocal = (await import('aws-ses-v2-local')).default as unknown as (config: { host: string; port: number }) => Promise<Server>;
  const server = await sesLocal({ host, port: free });
  if (!server.listening) throw new PortInUseError(`Port ${free} on ${host} is already in use (SES_PORT)`);
  return { server, port: (server.address() as AddressInfo).port };
}

async function createTable(client: DynamoDBClient, tableName: string, withStream: boolean): Promise<void> {
  // dynalite has neither streams nor TTL; DynamoDB Local gets both, as the CDK table has them.
  await client.send(
    new CreateTableCommand({
      ...createTableInput(tableName),
      ...(withStream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: STREAM_VIEW_TYPE } } : {}),
    }),
  );
  if (withStream) {
    await client.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { Enabled: true, AttributeName: TTL_ATTRIBUTE } }));
  }
}

async function waitForTable(client: DynamoDBClient, tableName: string, gone: boolean): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    try {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
      if (!gone && Table?.TableStatus === 'ACTIVE') return;
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
      if (gone) return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`table ${tableName} did not become ${gone ? 'deleted' : 'active'}`);
}

/**
 * A data directory from before an index was declared: dynalite cannot add a GSI to a table
 * (UpdateTable), so the table is read whole, created again from the table definition, and
 * written back, each item with its index attributes as its adapter writes them today
 * (adapters/reindex-items.ts). Local data only; in AWS CloudFormation adds the index.
 */
async function rebuildTable(client: DynamoDBClient, tableName: string, withStream: boolean): Promise<number> {
  const items = await scanAll(client, tableName);
  await client.send(new DeleteTableCommand({ TableName: tableName }));
  await waitForTable(client, tableName, true);
  await createTable(client, tableName, withStream);
  await waitForTable(client, tableName, false);
  for (let i = 0; i < items.length; i += 25) {
    let requests: WriteRequest[] = items.slice(i, i + 25).map((raw) => {
      const item = unmarshall(raw);
      const next = reindexed(item);
      return { PutRequest: { Item: next === undefined ? raw : marshall(next, { removeUndefinedValues: true }) } };
    });
    while (requests.length > 0) {
      const { UnprocessedItems } = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: requests } }));
      requests = UnprocessedItems?.[tableName] ?? [];
    }
  }
  return items.length;
}

/** Creates the table from the table definition, or adds the indexes an older data directory lacks. */
export async function ensureTable(endpoint: string, tableName: string, withStream: boolean): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    const existing = await client.send(new DescribeTableCommand({ TableName: tableName })).then(
      ({ Table }) => Table,
      (error: unknown) => {
        if (error instanceof ResourceNotFoundException) return undefined;
        throw error;
      },
    );
    if (existing === undefined) {
      await createTable(client, tableName, withStream);
      return;
    }
    const missing = TABLE_INDEXES.filter((index) => !(existing.GlobalSecondaryIndexes ?? []).some((gsi) => gsi.IndexName === index.name));
    if (missing.length > 0) {
      const count = await rebuildTable(client, tableName, withStream);
      console.log(`table ${tableName}: added index ${missing.map((index) => index.name).join(', ')} (${count} items copied)`);
    }
  } finally {
    client.destroy();
  }
}

async function resolveAdminKey(dataDir: string | null, supplied: string | undefined) {
  if (supplied) return { key: supplied, generated: false };
  const file = dataDir === null ? undefined : join(dataDir, 'admin-key');
  if (file !== undefined) {
    const existing = await readFile(file, 'utf8').catch(() => undefined);
    if (existing?.trim()) return { key: existing.trim(), generated: false };
  }
  const { newApiKey } = await import('#adapters/api-keys.ts');
  const key = newApiKey();
  if (file !== undefined) await writeFile(file, `${key}\n`, { mode: 0o600 });
  return { key, generated: true };
}

let startedInThisProcess = false;

/** In DATA_DIR while the embedded store is open (see repair-indexes.ts). */
const OPEN_MARKER = 'dynamodb.open';

const DOCUMENTS_BUCKET = 'ucc-interop-documents';

async function startS3(host: string, port: number, dataDir: string | null): Promise<{ endpoint: string; stop: () => Promise<void> }> {
  const { default: S3rver } = await import('s3rver');
  const directory = dataDir === null ? await mkdtemp(join(tmpdir(), 'ucc-s3-')) : join(dataDir, 's3');
  await mkdir(directory, { recursive: true });
  const server = new S3rver({ address: host, port, silent: true, directory, configureBuckets: [{ name: DOCUMENTS_BUCKET }] });
  let address: { port: number };
  try {
    address = await server.run();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new PortInUseError(`Port ${port} on ${host} is already in use (S3_PORT): set S3_PORT to a free port`);
    throw error;
  }
  return {
    endpoint: `http://${host}:${address.port}`,
    stop: async () => {
      await server.close();
      if (dataDir === null) await rm(directory, { recursive: true, force: true });
    },
  };
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  // Handlers and SDK clients read the endpoints once per process (like a warm Lambda), so a
  // second stack here would talk to the first one's ports.
  if (startedInThisProcess) throw new Error('One local stack per process: start another process for a second stack');
  startedInThisProcess = true;
  const host = options.host ?? '127.0.0.1';
  const tableName = options.tableName ?? 'ucc-interop';
  const cleanups: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    if (options.dataDir !== null) await mkdir(options.dataDir, { recursive: true });

    let dynamoEndpoint = options.dynamoEndpoint;
    if (dynamoEndpoint === undefined) {
      const dynalite = (await import('dynalite')).default;
      const dynamoServer = dynalite({
        createTableMs: 0,
        deleteTableMs: 0,
        updateTableMs: 0,
        ...(options.dataDir === null ? {} : { path: join(options.dataDir, 'dynamodb') }),
      });
      const dynamoPort = await listen(dynamoServer, options.dynamoPort ?? 8000, host, 'DYNAMODB_PORT');
      // Removed once dynalite has closed (cleanups run in reverse): found at a start, it says the
      // last run was killed, and the indexes are repaired before anything reads them.
      if (options.dataDir !== null) cleanups.push(() => rm(join(options.dataDir!, OPEN_MARKER), { force: true }));
      cleanups.push(() => new Promise<void>((resolve) => dynamoServer.close(() => resolve())));
      dynamoEndpoint = `http://${host}:${dynamoPort}`;
    }
    const external = options.dynamoEndpoint !== undefined;

    let sesEndpoint = options.sesEndpoint;
    if (sesEndpoint === undefined) {
      const ses = await startSes(host, options.sesPort ?? 8005);
      cleanups.push(() => new Promise<void>((resolve) => { ses.server.closeAllConnections(); ses.server.close(() => resolve()); }));
      sesEndpoint = `http://${host}:${ses.port}`;
    }

    // The documents bucket: s3rver on 127.0.0.1, files under DATA_DIR/s3 (a temporary directory without one).
    const s3 = await startS3(host, options.s3Port ?? 8006, options.dataDir);
    cleanups.push(s3.stop);

    // Handlers read these once, on first use (functions/commons/config.ts).
    const packageJson = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    Object.assign(process.env, {
      TABLE_NAME: tableName,
      DYNAMODB_ENDPOINT: dynamoEndpoint,
      SES_ENDPOINT: sesEndpoint,
      S3_ENDPOINT: s3.endpoint,
      DOCUMENTS_BUCKET: DOCUMENTS_BUCKET,
      AWS_REGION: 'us-east-1',
      APP_VERSION: packageJson.version,
      LOCAL_STACK: 'true',
    });
    await ensureTable(dynamoEndpoint, tableName, external);
    if (!external && options.dataDir !== null) {
      const marker = join(options.dataDir, OPEN_MARKER);
      if (await readFile(marker, 'utf8').then(() => true, () => false)) {
        const client = new DynamoDBClient({ endpoint: dynamoEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
        try {
          const repaired = await repairIndexes(client, tableName);
          console.log(`table ${tableName}: the last run was killed; indexes checked (${repaired.staleEntries} stale entries removed, ${repaired.missingEntries} missing entries restored, ${repaired.items} items re-indexed)`);
        } finally {
          client.destroy();
        }
      }
      await writeFile(marker, `${process.pid}\n`);
    }

    // SES's Email Sent events (the configuration set's EventBridge destination in AWS), from the
    // emulator's store: caught up before the effects feeder starts, so a send the last run's kill
    // caught between SES and the ledger's mark is marked before anything re-drives it.
    const sentEvents = startSentEventsPoller({ sesEndpoint, handler: (await loadHandler(MAIL_SENT_FUNCTION.entry)) as MailSentHandler });
    cleanups.push(() => sentEvents.stop());
    await sentEvents.catchUp().catch(async (error: Error) => {
      const { logger } = await import('#commons/logger.ts');
      logger.warn('local SES sent-events: the start-up catch-up failed; the poller retries', { error: error.name });
    });

    // The effects function, fed as in AWS (the stream) where the store has one.
    const effectsHandler = (await loadHandler(EFFECTS_FUNCTION.entry)) as EffectsHandler;
    const { dynamoPendingWork } = await import('#adapters/pending-work.ts');
    const feeder: EffectsFeeder = options.effects === false
      ? idleFeeder()
      : external
      ? await startStreamFeeder({ endpoint: dynamoEndpoint, tableName, handler: effectsHandler })
      : startPendingIndexFeeder({
          handler: effectsHandler,
          listPending: async () => (await dynamoPendingWork.listKeys('~', { limit: 100 })).keys,
          read: dynamoPendingWork.read,
        });
    // A test holding the effects holds SES's sent events too: nothing writes behind its back;
    // and the effects are busy while either is (settle waits for both).
    const effects: EffectsFeeder = {
      ...feeder,
      busy: () => feeder.busy() || sentEvents.busy(),
      pause: () => {
        feeder.pause();
        sentEvents.pause();
      },
      resume: () => {
        sentEvents.resume();
        feeder.resume();
      },
    };
    cleanups.push(() => effects.stop());
    const settle = async (timeoutMs = 30_000): Promise<void> => {
      const until = Date.now() + timeoutMs;
      for (;;) {
        if (!effects.busy() && (await dynamoPendingWork.nothingPending()) && !effects.busy()) return;
        if (Date.now() > until) throw new Error(`effects not finished after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };

    // A clock set by POST /local/clock stays set across restarts (as an offset from the real
    // time): deadlines walked to a date do not all fall due at once on the next start.
    const clockFile = options.dataDir === null ? undefined : join(options.dataDir, 'clock.json');
    const keptOffset =
      clockFile === undefined
        ? undefined
        : await readFile(clockFile, 'utf8')
            .then((text) => (JSON.parse(text) as { offsetMs?: unknown }).offsetMs)
            .then((offset) => (typeof offset === 'number' && Number.isFinite(offset) ? offset : undefined))
            .catch(() => undefined);
    if (keptOffset !== undefined) setClock(new Date(Date.now() + keptOffset));
    const clockChanged = async (now: Date | null) => {
      if (clockFile === undefined) return;
      if (now === null) await rm(clockFile, { force: true });
      else await writeFile(clockFile, `${JSON.stringify({ offsetMs: now.getTime() - Date.now(), setTo: now.toISOString() })}\n`);
    };

    const admin = await resolveAdminKey(options.dataDir, options.adminKey);
    const { bootstrapClient } = await import('#adapters/bootstrap-client.ts');
    await bootstrapClient(admin.key, { id: 'local-admin', name: 'Local admin', role: 'ucc_admin' }, systemClock.now().toISOString());
    if (options.seedDemoData !== false) {
      const { seedDemoData } = await import('./demo-data.ts');
      await seedDemoData(systemClock, options.dataDir);
    }

    const runJob = async (name: string, input: Record<string, unknown> = {}) => {
      const job = [...SCHEDULES, ...ONE_TIME_TARGETS].find((candidate) => candidate.name === name);
      if (job === undefined) throw new Error(`No job named ${name}`);
      const handler = await loadHandler(job.entry);
      return handler({ ...input, job: name, scheduledTime: systemClock.now().toISOString() }, lambdaContext(name, 15 * 60_000, randomUUID()));
    };

    const effectsStatus = async () => ({
      mode: options.effects === false ? 'off' : effects.mode,
      pending: (await dynamoPendingWork.listKeys('~', { limit: 1000 })).keys.length,
      busy: effects.busy(),
    });
    const httpServer = createLocalHttpServer({
      runJob,
      effectsStatus,
      // A feeder that is off or held by a test has nothing to wait for; a stuck one holds the control route at most 10 s.
      beforeControl: async () => {
        if (effects.mode === 'off' || effects.paused()) return;
        await settle(10_000).catch(async (error: Error) => {
          const { logger } = await import('#commons/logger.ts');
          logger.warn('local control route: effects still pending', { error });
        });
      },
      afterWrite: () => effects.nudge(),
      clockChanged,
      ...(options.consoleDir === undefined ? {} : { consoleDir: options.consoleDir }),
    });
    const port = await listen(httpServer, options.port ?? 3000, host, 'PORT');
    cleanups.push(() => new Promise<void>((resolve) => { httpServer.closeAllConnections(); httpServer.close(() => resolve()); }));

    let runner: ScheduleRunner | undefined;
    if (options.scheduleRunner !== false) {
      const { dueLocalSchedules, deleteLocalSchedule } = await import('#adapters/deadline-scheduler.ts');
      runner = startScheduleRunner({
        schedules: SCHEDULES,
        timeZone: SCHEDULE_TIME_ZONE,
        clock: systemClock,
        runJob,
        oneTime: {
          due: dueLocalSchedules,
          fire: async (schedule) => {
            await runJob(schedule.input.job, schedule.input);
            await deleteLocalSchedule(schedule, systemClock.now().toISOString());
          },
        },
      });
      cleanups.push(async () => runner?.stop());
    }

    return {
      url: `http://${host}:${port}`,
      dynamoEndpoint,
      sesEndpoint,
      s3Endpoint: s3.endpoint,
      adminKey: admin.key,
      adminKeyGenerated: admin.generated,
      ...(keptOffset === undefined ? {} : { clockOffsetMs: keptOffset }),
      runJob,
      effects,
      settle,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
