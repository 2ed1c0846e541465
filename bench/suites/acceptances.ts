import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { assertHealthy, runPhase, summarize, type LoadResult, type Phase } from '../lib/load.ts';
import { ratio, round } from '../lib/stats.ts';
import { benchStack, rawDocumentClient } from '../lib/stack.ts';
import type { Row, Suite } from '../lib/types.ts';

/**
 * POST /v1/acceptances through the local API Gateway (HTTP server → authorizer → payload 2.0
 * event → middy handler → body, UCC and calendar reads → one conditional PutItem → the outbox
 * finisher: audit PutItem, mail ledger, SES SendEmail to the emulator, clearing the marks)
 * against a bare DocumentClient PutItem of a stored acceptance item, on the same dynalite, at the
 * same concurrency. Then the DynamoDB calls one command makes, counted on the shared
 * DocumentClient (`dynamo()`), which the in-process local server's handlers use.
 * Client, server, handlers, dynalite and the SES emulator share this process's event loop:
 * compare ratios, not absolutes.
 */
const CONCURRENCY = 32;
const WARMUP = { post: { maxRequests: 300, maxDurationMs: 5_000 }, put: { maxRequests: 1_500, maxDurationMs: 3_000 } } as const;
/** Per target: ROUNDS interleaved phases (ABBA order) of up to 2,000 requests or 2.5 s each. */
const ROUNDS = 4;
const PHASE = { concurrency: CONCURRENCY, maxRequests: 2_000, maxDurationMs: 2_500 } as const;
/** Sequential commands per call-count scenario. */
const COUNTED = 50;
const COUNTER_NAME = 'benchCallCounter';
const SERVICE_NAME = { kk: 'Мекенжай анықтамасын беру', ru: 'Выдача адресной справки' } as const;

interface HttpResponseData {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function httpClient(baseUrl: string, concurrency: number) {
  const url = new URL(baseUrl);
  if (url.hostname !== '127.0.0.1') throw new Error(`Refusing to load ${url.hostname}: the bench only targets 127.0.0.1`);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const send = (method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<HttpResponseData> =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.from(body, 'utf8');
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path,
          method,
          agent,
          headers: {
            ...headers,
            ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(payload.length) }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  return { send, close: () => agent.destroy() };
}

const expectStatus = (label: string, response: HttpResponseData, status: number): HttpResponseData => {
  if (response.status !== status) throw new Error(`${label} answered ${response.status}: ${response.body.slice(0, 300)}`);
  return response;
};

const resultRow = (target: string, result: LoadResult): Row => ({
  target,
  requests: result.requests,
  errors: result.errors,
  'req/s': result.reqPerSec,
  'req/s by round': result.reqPerSecByPhase.join(' / '),
  'p50 ms': result.p50Ms,
  'p99 ms': result.p99Ms,
  'max ms': result.maxMs,
});

/** SDK command name → short operation name (GetItemCommand → GetItem). */
const operationOf = (commandName: string): string => commandName.replace(/Command$/, '');

export const acceptancesSuite: Suite = {
  name: 'acceptances',
  description:
    `POST /v1/acceptances via the local HTTP server (each also sends one e-mail to the SES emulator, part of the command) vs raw ` +
    `DocumentClient PutItem of a stored acceptance item on the same dynalite (concurrency ${CONCURRENCY}; warm-up, then ${ROUNDS} ` +
    `interleaved rounds of ${PHASE.maxRequests} requests or ${PHASE.maxDurationMs / 1000} s, pooled); then DynamoDB calls per ` +
    `command over ${COUNTED} sequential requests, counted on the shared client`,
  async run() {
    if (process.env.SMTP_TRANSPORT?.trim()) {
      throw new Error('SMTP_TRANSPORT is set: the SES emulator would relay every e-mail; unset it to run this suite');
    }
    // Loaded here, not at the top: handler modules read POWERTOOLS_LOG_LEVEL when first imported.
    const { dynamo } = await import('#adapters/dynamo.ts');
    const { AUTHORIZER_ENTRY } = await import('#infra/local/http-server.ts');
    const { loadHandler } = await import('#infra/local/handlers.ts');
    const { toAuthorizerEvent } = await import('#infra/local/api-gateway-event.ts');
    const { lambdaContext } = await import('#infra/local/lambda-context.ts');

    const stack = await benchStack();
    const http = httpClient(stack.url, CONCURRENCY);
    const ses = httpClient(stack.sesEndpoint, 1);
    for (const endpoint of [stack.dynamoEndpoint, stack.sesEndpoint]) {
      if (new URL(endpoint).hostname !== '127.0.0.1') throw new Error(`Refusing to load ${endpoint}`);
    }
    const documentClient = await rawDocumentClient(stack);
    const tableName = process.env.TABLE_NAME ?? 'ucc-interop';
    const auth = { authorization: `Bearer ${stack.adminKey}` };
    const shared = dynamo();
    let counterAdded = false;

    const emailsInOutbox = async (): Promise<number> => {
      const response = expectStatus('SES emulator GET /store', await ses.send('GET', '/store'), 200);
      return (JSON.parse(response.body) as { emails: unknown[] }).emails.length;
    };
    const clearOutbox = async () => {
      expectStatus('SES emulator POST /clear-store', await ses.send('POST', '/clear-store'), 200);
    };

    try {
      const bodies = expectStatus('GET /v1/bodies', await http.send('GET', '/v1/bodies?kind=local_executive_body', auth), 200);
      const bodyId = (JSON.parse(bodies.body) as { items: { id: string }[] }).items[0]?.id;
      if (bodyId === undefined) throw new Error('No local_executive_body in the demo data');

      let serviceCounter = 0;
      const postBody = () => JSON.stringify({ bodyId, serviceCode: `B${(serviceCounter += 1)}`, serviceName: SERVICE_NAME });
      const post = (headers: Record<string, string> = {}) => http.send('POST', '/v1/acceptances', { ...auth, ...headers }, postBody());

      // One checked POST, and its stored item as the raw PutItem's template.
      const probe = expectStatus('POST /v1/acceptances', await post(), 201);
      const probeId = (JSON.parse(probe.body) as { id: string }).id;
      const { Item: template } = await documentClient.send(
        new GetCommand({ TableName: tableName, Key: { pk: `ACCEPTANCE#${probeId}`, sk: 'ACCEPTANCE' }, ConsistentRead: true }),
      );
      if (template === undefined) throw new Error(`ACCEPTANCE#${probeId} is not in ${tableName}`);
      const templateBytes = Buffer.byteLength(JSON.stringify(template), 'utf8');
      const sortPrefix = `${String(template.status)}#${String(template.openedAt)}#`;
      let putCounter = 0;
      const copy = () => {
        const id = `acc-bench-${(putCounter += 1)}-${randomUUID()}`;
        return { ...template, pk: `ACCEPTANCE#${id}`, id, gsi1sk: `${sortPrefix}${id}`, gsi2sk: `${sortPrefix}${id}` };
      };

      const targets = [
        {
          label: 'POST /v1/acceptances',
          op: async () => {
            const response = await post();
            if (response.status !== 201) throw new Error(`status ${response.status}: ${response.body.slice(0, 200)}`);
          },
          warmup: WARMUP.post,
          phases: [] as Phase[],
        },
        {
          label: 'PutItem',
          op: async () => {
            await documentClient.send(new PutCommand({ TableName: tableName, Item: copy() }));
          },
          warmup: WARMUP.put,
          phases: [] as Phase[],
        },
      ];
      for (const target of targets) {
        assertHealthy(`${target.label} (warm-up)`, await runPhase(target.op, { concurrency: CONCURRENCY, ...target.warmup }));
      }
      await clearOutbox();
      for (let round = 0; round < ROUNDS; round += 1) {
        for (const target of round % 2 === 0 ? targets : [...targets].reverse()) {
          const phase = await runPhase(target.op, PHASE);
          assertHealthy(target.label, phase, 0.01);
          target.phases.push(phase);
        }
      }
      const [posts, puts] = targets.map((target) => summarize(target.phases)) as [LoadResult, LoadResult];
      const emailsPerPost = ratio(await emailsInOutbox(), posts.requests - posts.errors, 3);

      // --- DynamoDB calls per command, on the shared DocumentClient the handlers use.
      const counts: Record<string, number> = {};
      shared.middlewareStack.add(
        (next, context) => async (args) => {
          const name = operationOf(context.commandName ?? 'unknown');
          counts[name] = (counts[name] ?? 0) + 1;
          return next(args);
        },
        { step: 'initialize', name: COUNTER_NAME },
      );
      counterAdded = true;
      const operationsSeen = new Set<string>();
      const measure = async (runs: number, command: () => Promise<void>) => {
        for (const key of Object.keys(counts)) delete counts[key];
        await clearOutbox();
        for (let index = 0; index < runs; index += 1) await command();
        const perCommand: Record<string, number> = {};
        for (const [name, count] of Object.entries(counts)) {
          perCommand[name] = count / runs;
          operationsSeen.add(name);
        }
        const total = Object.values(counts).reduce((sum, count) => sum + count, 0) / runs;
        return { perCommand, total, emails: (await emailsInOutbox()) / runs };
      };

      // The authorizer runs before every non-public route locally (API Gateway caches it by key in AWS).
      const authorizer = await loadHandler(AUTHORIZER_ENTRY);
      const authorizerCalls = await measure(COUNTED, async () => {
        const event = toAuthorizerEvent(
          { method: 'POST', url: '/v1/acceptances', headers: { ...auth }, body: Buffer.alloc(0), sourceIp: '127.0.0.1', host: '127.0.0.1' },
          { routeKey: 'POST /v1/acceptances', requestId: randomUUID(), now: new Date() },
        );
        const result = (await authorizer(event, lambdaContext('authorize', 10_000))) as { context?: { clientId?: string } };
        if (result.context?.clientId === undefined) throw new Error('The authorizer did not recognise the admin key');
      });

      const postCalls = await measure(COUNTED, async () => {
        expectStatus('POST /v1/acceptances', await post(), 201);
      });
      if (postCalls.total === 0) {
        throw new Error('No DynamoDB calls counted for POST /v1/acceptances: the handlers do not use this process\'s dynamo() client');
      }

      const idempotencyKey = `bench-${randomUUID()}`;
      const replayedBody = postBody();
      let createdId = '';
      const firstKeyedCalls = await measure(1, async () => {
        const response = expectStatus(
          'POST /v1/acceptances with Idempotency-Key',
          await http.send('POST', '/v1/acceptances', { ...auth, 'idempotency-key': idempotencyKey }, replayedBody),
          201,
        );
        createdId = (JSON.parse(response.body) as { id: string }).id;
      });
      const replayCalls = await measure(COUNTED, async () => {
        const response = expectStatus(
          'POST /v1/acceptances replay',
          await http.send('POST', '/v1/acceptances', { ...auth, 'idempotency-key': idempotencyKey }, replayedBody),
          201,
        );
        if (response.headers['idempotent-replayed'] !== 'true') throw new Error('A replay was not answered from the idempotency record');
        if ((JSON.parse(response.body) as { id: string }).id !== createdId) throw new Error('A replay answered another acceptance');
      });
      const getCalls = await measure(COUNTED, async () => {
        expectStatus('GET /v1/acceptances/{id}', await http.send('GET', `/v1/acceptances/${encodeURIComponent(createdId)}`, auth), 200);
      });
      shared.middlewareStack.remove(COUNTER_NAME);
      counterAdded = false;

      const operations = [...operationsSeen].sort();
      const replayOwn = Object.fromEntries(
        operations.map((name) => [name, round((replayCalls.perCommand[name] ?? 0) - (authorizerCalls.perCommand[name] ?? 0), 3)]),
      );
      const replayOnlyLookup = Object.entries(replayOwn).every(([name, count]) => count === (name === 'GetItem' ? 1 : 0));
      const callRow = (target: string, requests: number, calls: typeof postCalls, note: string): Row => ({
        target,
        requests,
        'DDB calls/cmd': round(calls.total, 2),
        'w/o authorizer': round(calls.total - authorizerCalls.total, 2),
        ...Object.fromEntries(operations.map((name) => [name, round(calls.perCommand[name] ?? 0, 2)])),
        'e-mails/cmd': round(calls.emails, 2),
        note,
      });

      return [
        { ...resultRow('POST /v1/acceptances (local HTTP)', posts), 'e-mails/cmd': emailsPerPost },
        resultRow(`PutItem ${tableName} (raw SDK, ${templateBytes} B item)`, puts),
        {
          target: 'ratio POST / PutItem',
          'req/s': ratio(posts.reqPerSec, puts.reqPerSec, 3),
          'req/s by round': posts.reqPerSecByPhase.map((rps, index) => ratio(rps, puts.reqPerSecByPhase[index] ?? Number.NaN, 3)).join(' / '),
          'p50 ms': ratio(posts.p50Ms, puts.p50Ms, 2),
          'p99 ms': ratio(posts.p99Ms, puts.p99Ms, 2),
          'max ms': ratio(posts.maxMs, puts.maxMs, 2),
        },
        callRow('calls: authorizer alone', COUNTED, authorizerCalls, 'runs before every route locally; API Gateway caches it in AWS'),
        callRow('calls: POST /v1/acceptances', COUNTED, postCalls, 'sequential, distinct serviceCode, no Idempotency-Key'),
        callRow('calls: POST + Idempotency-Key, first', 1, firstKeyedCalls, 'claims the key, then stores the response'),
        callRow(
          'calls: POST replay, same key',
          COUNTED,
          replayCalls,
          `idempotent-replayed; only the idempotency GetItem besides the authorizer: ${replayOnlyLookup ? 'yes' : 'NO'}`,
        ),
        callRow('calls: GET /v1/acceptances/{id}', COUNTED, getCalls, 'sequential'),
      ];
    } finally {
      if (counterAdded) shared.middlewareStack.remove(COUNTER_NAME);
      http.close();
      ses.close();
      documentClient.destroy();
    }
  },
};
