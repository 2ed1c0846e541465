import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { httpClient, resetRetries, retryOnceOnReset } from '../lib/http.ts';
import { assertHealthy, runPhase, summarize, type LoadResult, type Phase } from '../lib/load.ts';
import { ratio } from '../lib/stats.ts';
import { benchStack, rawDocumentClient } from '../lib/stack.ts';
import type { Row, Suite } from '../lib/types.ts';
import { healthProbeKey } from '#adapters/table-keys.ts';

/**
 * GET /v1/health through the local API Gateway (HTTP server → payload 2.0 event → middy
 * handler → DocumentClient GetItem → dynalite) against the bare DocumentClient GetItem the
 * handler performs, on the same dynalite, at the same concurrency. The ratio is the cost of
 * everything around the read. Client, server, handler and dynalite all share this process's
 * event loop, as they do under `npm start` plus a local client: compare ratios, not absolutes.
 */
const CONCURRENCY = 32;
const WARMUP_REQUESTS = 1_500;
/** Per target: ~3,000 requests or 5 s in all, in ROUNDS interleaved phases (ABBA order). */
const ROUNDS = 3;
const PHASE = { concurrency: CONCURRENCY, maxRequests: 1_000, maxDurationMs: 1_700 } as const;
const HEALTH_KEY = healthProbeKey();

const resultRow = (target: string, result: LoadResult): Row => ({
  target,
  requests: result.requests,
  errors: result.errors,
  secs: Math.round(result.durationMs / 10) / 100,
  'req/s': result.reqPerSec,
  'req/s by round': result.reqPerSecByPhase.join(' / '),
  'p50 ms': result.p50Ms,
  'p99 ms': result.p99Ms,
  'mean ms': result.meanMs,
  'max ms': result.maxMs,
});

export const healthSuite: Suite = {
  name: 'health',
  description: `GET /v1/health via the local HTTP server vs raw DocumentClient GetItem on the same dynalite (concurrency ${CONCURRENCY}; ${WARMUP_REQUESTS} warm-up, then ${ROUNDS} interleaved rounds of ${PHASE.maxRequests} requests or ${PHASE.maxDurationMs / 1000} s, pooled)`,
  async run() {
    // Loaded here, not at the top: handler modules read POWERTOOLS_LOG_LEVEL when first imported.
    const stack = await benchStack();
    const client = httpClient(stack.url, CONCURRENCY);
    const http = { get: () => client.send('GET', '/v1/health'), close: () => client.close() };
    const documentClient = await rawDocumentClient(stack);
    const resetsBefore = resetRetries.count;
    const tableName = process.env.TABLE_NAME ?? 'ucc-interop';
    try {
      // One checked call each, so a broken stack fails loudly instead of benchmarking errors.
      const probe = await http.get();
      if (probe.status !== 200) throw new Error(`GET /v1/health answered ${probe.status}: ${probe.body.slice(0, 300)}`);
      await documentClient.send(new GetCommand({ TableName: tableName, Key: HEALTH_KEY }));

      const targets = [
        {
          label: 'GET /v1/health',
          op: async () => {
            const response = await http.get();
            if (response.status !== 200) throw new Error(`status ${response.status}`);
          },
          phases: [] as Phase[],
        },
        {
          label: 'GetItem',
          op: async () => {
            await documentClient.send(new GetCommand({ TableName: tableName, Key: HEALTH_KEY }));
          },
          phases: [] as Phase[],
        },
      ];
      for (const target of targets) {
        assertHealthy(`${target.label} (warm-up)`, await runPhase(retryOnceOnReset(target.op), { ...PHASE, maxRequests: WARMUP_REQUESTS, maxDurationMs: 5_000 }));
      }
      for (let round = 0; round < ROUNDS; round += 1) {
        for (const target of round % 2 === 0 ? targets : [...targets].reverse()) {
          const phase = await runPhase(target.op, PHASE);
          assertHealthy(target.label, phase, 0.01);
          target.phases.push(phase);
        }
      }
      const [health, getItem] = targets.map((target) => summarize(target.phases)) as [LoadResult, LoadResult];

      return [
        resultRow('GET /v1/health (local HTTP)', health),
        resultRow(`GetItem ${tableName} (raw SDK)`, getItem),
        {
          target: 'ratio health / GetItem',
          'req/s': ratio(health.reqPerSec, getItem.reqPerSec, 3),
          'req/s by round': health.reqPerSecByPhase.map((rps, index) => ratio(rps, getItem.reqPerSecByPhase[index] ?? Number.NaN, 2)).join(' / '),
          'p50 ms': ratio(health.p50Ms, getItem.p50Ms, 3),
          'p99 ms': ratio(health.p99Ms, getItem.p99Ms, 3),
          'mean ms': ratio(health.meanMs, getItem.meanMs, 3),
        },
        ...(resetRetries.count > resetsBefore ? [{ target: `(warm-up: ${resetRetries.count - resetsBefore} keep-alive reset(s) retried)` }] : []),
      ];
    } finally {
      http.close();
      documentClient.destroy();
    }
  },
};
