import { join, resolve } from 'node:path';
import * as z from 'zod';
import { PortInUseError, startLocalStack } from './local-stack.ts';

/** `npm start`: the local stack with demo data, until Ctrl-C. */
const port = z.coerce.number().int().min(0).max(65535);
const envSchema = z.object({
  PORT: port.default(3000),
  DYNAMODB_PORT: port.default(8000),
  SES_PORT: port.default(8005),
  S3_PORT: port.default(8006),
  DATA_DIR: z.string().min(1).default('.data'),
  /** Send e-mail to this SES endpoint instead of starting the embedded emulator. */
  SES_ENDPOINT: z.preprocess((value) => (value === '' ? undefined : value), z.url().optional()),
  /** 'off' starts without the effects feeder: committed work waits for the re-drive job. */
  LOCAL_EFFECTS: z.enum(['on', 'off']).default('on'),
  LOCAL_ADMIN_KEY: z.preprocess((value) => (value === '' ? undefined : value), z.string().min(16).optional()),
  /** The reliability suite's crash hook: `<point>@<n>` kills the stack there (infra/local/crash-points.ts). */
  LOCAL_CRASH_AT: z.string().optional(),
});

const parsed = envSchema.safeParse(process.env);
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`${issue.path.join('.')}: ${issue.message}`);
  process.exit(2);
}
const env = parsed.data;
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
// The shared logger was made while the imports above ran, before this line: tell it too.
const { logger } = await import('#commons/logger.ts');
logger.setLogLevel(process.env.POWERTOOLS_LOG_LEVEL as Parameters<typeof logger.setLogLevel>[0]);
// The SDK warns that releases after January 2027 need Node 22; package-lock.json pins one that
// runs on Node 20 here and on nodejs22.x in Lambda, so the local stack does not repeat it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// Armed before the stack starts: the effects it finishes at start-up count too.
{
  const { armCrashPoint, parseCrashAt } = await import('./crash-points.ts');
  try {
    const crashAt = parseCrashAt(env.LOCAL_CRASH_AT);
    if (crashAt !== undefined) armCrashPoint(crashAt);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
}

// Ctrl-C from the first moment: a signal during start-up stops the stack once it is up (a kill
// would leave DATA_DIR/dynamodb.open, and the next start would repair indexes for nothing).
let stack: Awaited<ReturnType<typeof startLocalStack>> | undefined;
let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping…`);
  if (stack !== undefined) void stack.stop().then(() => process.exit(0));
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));

try {
  // The console is built from its sources at every start into DATA_DIR/console (a fresh clone or an
  // edit never serves a stale build), once this stack holds DATA_DIR: another one's files stay put.
  const consoleDir = join(resolve(env.DATA_DIR), 'console');
  stack = await startLocalStack({
    consoleDir,
    dataDir: resolve(env.DATA_DIR),
    port: env.PORT,
    dynamoPort: env.DYNAMODB_PORT,
    sesPort: env.SES_PORT,
    s3Port: env.S3_PORT,
    ...(env.SES_ENDPOINT === undefined ? {} : { sesEndpoint: env.SES_ENDPOINT }),
    effects: env.LOCAL_EFFECTS === 'on',
    ...(env.LOCAL_ADMIN_KEY === undefined ? {} : { adminKey: env.LOCAL_ADMIN_KEY }),
  });
  if (stopping) {
    await stack.stop();
    process.exit(0);
  }
  const { buildConsoleInChild } = await import('#infra/console-build.ts');
  await buildConsoleInChild(consoleDir);
  const keySource = env.LOCAL_ADMIN_KEY !== undefined ? 'from LOCAL_ADMIN_KEY' : `saved in ${env.DATA_DIR}/admin-key`;
  console.log(
    [
      'UCC Interop local stack is up',
      `  API          ${stack.url}   (try: curl ${stack.url}/v1/health)`,
      `  API docs     ${stack.url}/docs   (try it with a key below; the document: ${stack.url}/v1/openapi.json)`,
      `  console      ${stack.url}/console/   (built into ${env.DATA_DIR}/console; sign in with a UCC key: the admin's, or the operator's in demo-keys.json)`,
      `  SES inbox    ${stack.sesEndpoint}/`,
      `  S3 documents ${stack.s3Endpoint}   (s3rver, files in ${env.DATA_DIR}/s3)`,
      `  DynamoDB     ${stack.dynamoEndpoint}   (dynalite, data in ${env.DATA_DIR})`,
      `  effects      ${stack.effects.mode === 'off' ? 'off: committed work waits for POST /local/jobs/redrive-outbox' : 'fed from the pending index every 100 ms'}   (GET /local/effects)`,
      `  admin key    ${stack.adminKey}   (${keySource})`,
      stack.clockOffsetMs === undefined
        ? '  clock        real time   (POST /local/clock sets it; kept in DATA_DIR/clock.json across restarts)'
        : `  clock        set: it is ${new Date(Date.now() + stack.clockOffsetMs).toISOString()} here (kept in ${env.DATA_DIR}/clock.json; POST /local/clock {"now":null} restores real time)`,
      `  demo keys    ${env.DATA_DIR}/demo-keys.json   (an operator, an akimat, a provider, both authorities)`,
      '  Ctrl-C stops everything.',
    ].join('\n'),
  );
  if (stopping) {
    await stack.stop();
    process.exit(0);
  }
} catch (error) {
  // Ctrl-C signals the whole group: a console build running in a child fails with it.
  if (stopping && stack !== undefined) {
    await stack.stop();
    process.exit(0);
  }
  if (error instanceof PortInUseError) {
    console.error(error.message);
    process.exit(1);
  }
  const message = (error as Error).message ?? String(error);
  if (/lock/i.test(message)) {
    console.error(`The data directory ${env.DATA_DIR} is in use by another local stack (${message})`);
    process.exit(1);
  }
  throw error;
}
