import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InternalServerError, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { SESv2ServiceException, TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { dynamo } from '#adapters/dynamo.ts';
import { ses } from '#adapters/ses-mailer.ts';
import { closeScenario, openBodyScenario, sentMails, settled, type BodyScenario } from '../support/local-stack.ts';
import { appealInput, testBin } from '../support/fixtures.ts';
import { poll } from '../support/poll.ts';
import { figure, propertySeed, sized } from './figures.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ApiResponse = import('../support/local-stack.ts').ApiResponse<any>;

/**
 * Issue 17 §6: faults injected through the AWS SDK's middleware stack, after its retry step,
 * so every attempt the SDK makes can fail as AWS fails: throttling, the service's own errors, a
 * dropped connection. A request that meets one answers 503 with Retry-After (never 500) and has
 * written nothing or everything; a retry with its Idempotency-Key converges to one record. A
 * failing SES leaves the e-mail pending: the effects retry it, nothing lost, nothing sent twice.
 */
const bodyId = testBin(1761);
const serviceName = { kk: 'Қызмет', ru: 'Услуга' };
const REQUESTS = sized(12, 150);

/** A seeded PRNG (mulberry32): a failing run replays the same faults. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const dynamoFaults = [
  () => new ProvisionedThroughputExceededException({ message: 'injected: throughput exceeded', $metadata: { httpStatusCode: 400 } }),
  () => new InternalServerError({ message: 'injected: internal server error', $metadata: { httpStatusCode: 500 } }),
  () => Object.assign(new Error('injected: socket hang up'), { name: 'Error', code: 'ECONNRESET', $metadata: {} }),
];
const sesFaults = [
  () => new TooManyRequestsException({ message: 'injected: too many requests', $metadata: { httpStatusCode: 429 } }),
  () => new SESv2ServiceException({ name: 'InternalFailure', $fault: 'server', message: 'injected: internal failure', $metadata: { httpStatusCode: 500 } }),
];

/** What the injector does now: the chance a call fails, and which calls may. */
const injector = {
  dynamoRate: 0,
  sesRate: 0,
  onlyCommands: undefined as Set<string> | undefined,
  /** Eligible calls let through before the faults start (a later write of the request fails, an earlier one lands). */
  passFirst: 0,
  /** E-mails whose subject carries one of these codes fail at their first attempt, whatever the dice say: each one must be retried. */
  sesFailFirst: new Set<string>(),
  sesFailed: new Set<string>(),
  injected: { dynamo: 0, ses: 0 },
  next: random(propertySeed()),
};

describe('store and mail faults through the SDK middleware stack (issue 17 §6)', () => {
  let scenario: BodyScenario;
  beforeAll(async () => {
    scenario = await openBodyScenario(bodyId);
    // finalizeRequest, low priority: after the SDK's retry middleware, so its retries meet the faults too.
    dynamo().middlewareStack.add(
      (next, context) => async (args) => {
        const input = JSON.stringify((args as { input?: unknown }).input ?? {});
        // The authorizer's key look-up is API Gateway's: in AWS its answer is cached, and a failing authorizer is the gateway's 500.
        const authorizer = input.includes('APIKEY#') || input.includes('"CLIENT#');
        const eligible = !authorizer && (injector.onlyCommands === undefined || injector.onlyCommands.has(context.commandName as string));
        if (eligible && injector.dynamoRate > 0 && injector.passFirst > 0) {
          injector.passFirst -= 1;
          return next(args);
        }
        if (eligible && injector.next() < injector.dynamoRate) {
          injector.injected.dynamo += 1;
          throw dynamoFaults[Math.floor(injector.next() * dynamoFaults.length)]!();
        }
        return next(args);
      },
      { step: 'finalizeRequest', priority: 'low', name: 'reliabilityDynamoFaults' },
    );
    ses().middlewareStack.add(
      (next) => async (args) => {
        const code = /SESFAULT-\d+/.exec(JSON.stringify((args as { input?: unknown }).input ?? {}))?.[0];
        const first = code !== undefined && injector.sesFailFirst.has(code) && !injector.sesFailed.has(code);
        if (code !== undefined && first) injector.sesFailed.add(code);
        if (first || injector.next() < injector.sesRate) {
          injector.injected.ses += 1;
          throw sesFaults[Math.floor(injector.next() * sesFaults.length)]!();
        }
        return next(args);
      },
      { step: 'finalizeRequest', priority: 'low', name: 'reliabilitySesFaults' },
    );
  }, 120_000);
  afterAll(async () => {
    injector.dynamoRate = 0;
    injector.passFirst = 0;
    injector.sesRate = 0;
    await closeScenario(scenario);
  });

  const open = (serviceCode: string, key: string) =>
    scenario.operator('POST', '/v1/acceptances', { body: { bodyId, serviceCode, serviceName }, headers: { 'idempotency-key': key } });

  /** Every acceptance of the body, every page. */
  const allAcceptances = async (): Promise<{ serviceCode: string; version: number; status: string }[]> => {
    const items = [];
    let cursor: string | undefined;
    do {
      const page = await scenario.operator('GET', `/v1/acceptances?bodyId=${bodyId}&limit=100${cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`}`);
      expect(page.status).toBe(200);
      items.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor !== undefined);
    return items;
  };

  const expectUnavailable = (response: ApiResponse) => {
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(JSON.stringify(response.body)).not.toMatch(/Exception|InternalServerError|ECONNRESET|injected|pk|APIKEY/);
  };

  it('answers a store that refuses every write with 503 and Retry-After, writes nothing, and converges on the retry', async () => {
    injector.onlyCommands = new Set(['PutItemCommand', 'PutCommand']);
    injector.dynamoRate = 1;
    const failed = await open('FAULT-0', 'fault-0');
    injector.dynamoRate = 0;
    injector.onlyCommands = undefined;

    expectUnavailable(failed);
    expect((await allAcceptances()).filter((item: { serviceCode: string }) => item.serviceCode === 'FAULT-0')).toEqual([]);
    const retried = await open('FAULT-0', 'fault-0');
    expect(retried.status).toBe(201);
    expect((await sentMails(scenario.stack.sesEndpoint)).filter((mail) => mail.subject.endsWith('FAULT-0'))).toHaveLength(1);
  });

  it(`under random throttling, server errors and dropped connections, ${REQUESTS} openings answer 2xx or 503, and retries converge to one record and one e-mail each`, async () => {
    injector.injected.dynamo = 0;
    injector.dynamoRate = 0.45;
    const codes = Array.from({ length: REQUESTS }, (_, index) => `FAULT-${index + 1}`);
    const first: ApiResponse[] = [];
    for (let start = 0; start < codes.length; start += 6) {
      first.push(...(await Promise.all(codes.slice(start, start + 6).map((code) => open(code, `key-${code}`)))));
    }
    injector.dynamoRate = 0;

    const unavailable = first.filter((response) => response.status === 503);
    const busy = first.filter((response) => response.status === 409);
    const other = first.filter((response) => ![200, 201, 409, 503].includes(response.status));
    figure('faults.dynamo.requests', REQUESTS);
    figure('faults.dynamo.injected', injector.injected.dynamo);
    figure('faults.dynamo.2xx', first.filter((response) => response.status < 300).length);
    figure('faults.dynamo.503', unavailable.length);
    figure('faults.dynamo.409-in-progress', busy.length);
    figure('faults.dynamo.5xx-other', first.filter((response) => response.status >= 500 && response.status !== 503).length);
    expect(other.map((response) => [response.status, response.body])).toEqual([]);
    // Faults were met (whether any outlasted the SDK's retries is chance; the first test makes sure of one 503).
    expect(injector.injected.dynamo).toBeGreaterThan(0);
    for (const response of unavailable) expectUnavailable(response);
    for (const response of busy) expect(response.body.detail).toMatch(/still being processed/);

    // Faults over: each opening retried with its key, as Retry-After says, until it is answered.
    const converged = await Promise.all(
      codes.map(async (code) => {
        for (let attempt = 0; attempt < 40; attempt += 1) {
          const response = await open(code, `key-${code}`);
          if (response.status === 200 || response.status === 201) return response;
          expect([409, 503]).toContain(response.status);
          await new Promise((resolve) => setTimeout(resolve, 250 * (attempt + 1))); // the client's back-off, not a wait for the app
        }
        throw new Error(`${code} never converged`);
      }),
    );
    expect(converged.map((response) => response.body.serviceCode).sort()).toEqual([...codes].sort());
    await settled(120_000);
    const records = (await allAcceptances()).filter((item: { serviceCode: string }) => codes.includes(item.serviceCode));
    const mails = (await sentMails(scenario.stack.sesEndpoint)).filter((mail) => codes.some((code) => mail.subject.endsWith(code)));
    figure('faults.dynamo.records-after-retries', records.length);
    figure('faults.dynamo.emails-after-retries', mails.length);
    expect(records).toHaveLength(REQUESTS);
    expect(records.every((record: { version: number; status: string }) => record.version === 1 && record.status === 'requested')).toBe(true);
    expect(mails).toHaveLength(REQUESTS);
  }, 300_000);

  it('retries the e-mail of every command while SES fails, and sends each exactly once', async () => {
    injector.injected.ses = 0;
    injector.sesRate = 0.6;
    const codes = Array.from({ length: sized(8, 60) }, (_, index) => `SESFAULT-${index + 1}`);
    for (const code of codes) injector.sesFailFirst.add(code);
    for (const code of codes) expect((await open(code, `key-${code}`)).status).toBe(201);
    // The effects meet the failing SES while it fails (each e-mail at least once); then it recovers.
    // The full seed's 60 e-mails wait their turns behind retries backing off up to 5 s each (the
    // feeder's per-item back-off): 120 s saw 42 of them on a loaded machine (3 December 2026).
    await poll(async () => injector.sesFailed.size, (failed) => failed === codes.length, 'every e-mail to meet a failing SES once', { timeoutMs: sized(120_000, 600_000), intervalMs: 100 });
    injector.sesRate = 0;
    await settled(120_000);

    const mails = (await sentMails(scenario.stack.sesEndpoint)).filter((mail) => codes.some((code) => mail.subject.endsWith(code)));
    figure('faults.ses.commands', codes.length);
    figure('faults.ses.injected', injector.injected.ses);
    figure('faults.ses.emails', mails.length);
    expect(injector.injected.ses).toBeGreaterThanOrEqual(codes.length);
    expect(mails.map((mail) => mail.subject.replace(/^.*(SESFAULT-\d+)$/, '$1')).sort()).toEqual([...codes].sort());
  }, sized(300_000, 900_000));

  /** The store fails every call of these commands (after `passFirst` of them) while `request` runs; then it recovers. */
  const whileStoreFails = async <T>(commands: string[], request: () => Promise<T>, passFirst = 0): Promise<T> => {
    injector.onlyCommands = new Set(commands);
    injector.passFirst = passFirst;
    injector.dynamoRate = 1;
    try {
      return await request();
    } finally {
      injector.dynamoRate = 0;
      injector.passFirst = 0;
      injector.onlyCommands = undefined;
    }
  };
  const PUTS = ['PutItemCommand', 'PutCommand'];
  const BATCH_WRITES = ['BatchWriteItemCommand', 'BatchWriteCommand'];

  it('answers a §5 step with If-Match 503 and Retry-After when its write fails: version, audit trail and mail unchanged, and the retry with the same If-Match succeeds', async () => {
    const opened = await open('FAULT-STEP', 'fault-step');
    expect(opened.status).toBe(201);
    const id = opened.body.id as string;
    const before = await scenario.akimat('GET', `/v1/acceptances/${id}`);
    const trail = async () => (await scenario.akimat('GET', `/v1/acceptances/${id}/events`)).body.items.map((event: { type: string }) => event.type);
    const trailBefore = await trail();
    const mails = async () => (await sentMails(scenario.stack.sesEndpoint)).filter((mail) => mail.subject.includes('FAULT-STEP')).length;
    const mailsBefore = await mails();
    const person = { fullName: 'Executor Fault', position: 'Specialist', email: 'executor-fault@akimat.gov.kz', phone: '+77010001761' };
    const step = () => scenario.akimat('POST', `/v1/acceptances/${id}/responsible-person`, { body: person, headers: { 'if-match': '"1"' } });

    const failed = await whileStoreFails(PUTS, step);

    expectUnavailable(failed);
    // Nothing half-written: the same version and record, no new audit entry, no e-mail, nothing pending.
    const after = await scenario.akimat('GET', `/v1/acceptances/${id}`);
    expect(after.headers.get('etag')).toBe('"1"');
    expect(after.body).toEqual(before.body);
    expect(await trail()).toEqual(trailBefore);
    expect(await mails()).toBe(mailsBefore);
    const retried = await step();
    expect(retried.status).toBe(200);
    expect(retried.headers.get('etag')).toBe('"2"');
    expect((await trail()).length).toBeGreaterThan(trailBefore.length);
    expect(await mails()).toBeGreaterThan(mailsBefore);
  });

  it('answers a JSON Merge Patch with If-Match 503 and Retry-After when its write fails: the body and its audit trail unchanged, and the retry succeeds', async () => {
    const before = await scenario.admin('GET', `/v1/bodies/${bodyId}`);
    const etag = before.headers.get('etag')!;
    const audit = async () => (await scenario.admin('GET', `/v1/bodies/${bodyId}/audit`)).body.items.length;
    const auditBefore = await audit();
    const patch = () =>
      scenario.admin('PATCH', `/v1/bodies/${bodyId}`, {
        body: { region: 'Fault region 1761' },
        headers: { 'content-type': 'application/merge-patch+json', 'if-match': etag },
      });

    const failed = await whileStoreFails(PUTS, patch);

    expectUnavailable(failed);
    const after = await scenario.admin('GET', `/v1/bodies/${bodyId}`);
    expect(after.headers.get('etag')).toBe(etag);
    expect(after.body).toEqual(before.body);
    expect(await audit()).toBe(auditBefore);
    const retried = await patch();
    expect(retried.status).toBe(200);
    expect(retried.headers.get('etag')).not.toBe(etag);
    expect(await audit()).toBe(auditBefore + 1);
  });

  describe('a §13 batch of appeals', () => {
    const counted = async () => {
      const counters = await scenario.operator('GET', '/v1/appeal-counters?quarter=2026-Q3');
      expect(counters.status).toBe(200);
      return (counters.body.by?.body?.[bodyId] as number | undefined) ?? 0;
    };

    it('answers 503 and Retry-After when the appeals cannot be written: none readable, none counted, and the retry counts each once', async () => {
      const items = ['FAULT-A-1', 'FAULT-A-2', 'FAULT-A-3'].map((id) => appealInput(id, bodyId));
      const countedBefore = await counted();
      const push = () => scenario.operator('POST', '/v1/appeals/batch', { body: { items } });

      const failed = await whileStoreFails(BATCH_WRITES, push);

      expectUnavailable(failed);
      expect((await scenario.operator('GET', '/v1/appeals/FAULT-A-1')).status).toBe(404);
      expect(await counted()).toBe(countedBefore);
      const retried = await push();
      expect(retried.status).toBe(200);
      expect(retried.body).toMatchObject({ accepted: 3 });
      expect(await counted()).toBe(countedBefore + 3);
    });

    it('answers 503 when the push\'s counting record cannot be written after its appeals: none counted, and the retry counts each once, not twice', async () => {
      const items = ['FAULT-B-1', 'FAULT-B-2'].map((id) => appealInput(id, bodyId));
      const countedBefore = await counted();
      const push = () => scenario.operator('POST', '/v1/appeals/batch', { body: { items } });

      // The appeals' BatchWriteItem lands, the counting record's fails.
      const failed = await whileStoreFails(BATCH_WRITES, push, 1);

      expectUnavailable(failed);
      // The appeals are stored (a push is no aggregate: appeal-store.ts), but nothing counts them yet.
      expect((await scenario.operator('GET', '/v1/appeals/FAULT-B-1')).status).toBe(200);
      expect(await counted()).toBe(countedBefore);
      const retried = await push();
      expect(retried.status).toBe(200);
      expect(await counted()).toBe(countedBefore + 2);
      // Pushed once more: nothing new to count.
      expect((await push()).status).toBe(200);
      expect(await counted()).toBe(countedBefore + 2);
    });
  });
});
