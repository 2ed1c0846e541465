import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpResult } from '#http/middleware/http-route.ts';
import { dynamo } from '#adapters/dynamo.ts';
import { toApiGatewayEvent } from '#infra/local/api-gateway-event.ts';
import { loadHandler } from '#infra/local/handlers.ts';
import { lambdaContext } from '#infra/local/lambda-context.ts';
import { ROUTES, routeKey } from '#http/routes.ts';
import { closeScenario, openBodyScenario, sentMails, settled, type BodyScenario } from '../../support/local-stack.ts';
import { testBin } from '../../support/fixtures.ts';

/**
 * The request-path budget (docs/design.md "Storage"): a command is one batched read of its context,
 * its commit and its idempotency record (bound to the request before, answered after: a key reused
 * with another body must be refused before the use-case runs, even in a race, issue 17 §1; a
 * replay's refused reservation returns the answer) — at most 4 DynamoDB calls — and no SES or Scheduler
 * call; everything else is the effects function's. The handlers are called as Lambda would call
 * them (API Gateway's authorizer runs before, and caches), with the effects feeder held so that
 * only the request's own calls are counted.
 */
const bodyId = testBin(845);
const person = { fullName: 'Исполнитель', position: 'Специалист', email: 'exec@akimat.gov.kz', phone: '+77010000000' };
const serviceName = { kk: 'Қызмет', ru: 'Услуга' };

let scenario: BodyScenario;
let counting = false;
let calls: string[] = [];

async function invoke(
  key: string,
  path: string,
  pathParameters: Record<string, string>,
  authorizer: Record<string, string>,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ result: HttpResult; calls: string[] }> {
  const route = ROUTES.find((candidate) => routeKey(candidate) === key)!;
  const handler = await loadHandler(route.entry);
  const event = toApiGatewayEvent(
    { method: route.method, url: path, headers: { 'content-type': 'application/json', ...headers }, body: Buffer.from(JSON.stringify(body)), sourceIp: '127.0.0.1', host: '127.0.0.1' },
    { routeKey: key, pathParameters, requestId: `r-${Math.random()}`, now: new Date(), authorizer },
  );
  calls = [];
  counting = true;
  try {
    const result = (await handler(event, lambdaContext(route.name, 10_000))) as HttpResult;
    return { result, calls: [...calls] };
  } finally {
    counting = false;
  }
}

describe('request-path budget of the §4–§9 commands', () => {
  const operator = { clientId: 'budget-operator', role: 'ucc_operator' };
  const akimat = { clientId: 'budget-akimat', role: 'body', bodyId };

  beforeAll(async () => {
    scenario = await openBodyScenario(bodyId);
    dynamo().middlewareStack.add(
      (next, context) => async (args) => {
        if (counting) calls.push(context.commandName as string);
        return next(args);
      },
      { step: 'initialize', name: 'requestPathBudgetCounter' },
    );
    // Warm: the first command of a container looks up the UCC's id once.
    await invoke('POST /v1/acceptances', '/v1/acceptances', {}, operator, { bodyId, serviceCode: 'B00000', serviceName });
    await settled();
    scenario.stack.effects.pause();
  });
  afterAll(async () => {
    scenario?.stack.effects.resume();
    await closeScenario(scenario);
  });

  it('opens an acceptance in 2 calls, 4 with an Idempotency-Key, and sends nothing itself', async () => {
    const mailsBefore = (await sentMails(scenario.stack.sesEndpoint, { settle: false })).length;
    const plain = await invoke('POST /v1/acceptances', '/v1/acceptances', {}, operator, { bodyId, serviceCode: 'B10001', serviceName });
    const keyed = await invoke('POST /v1/acceptances', '/v1/acceptances', {}, operator, { bodyId, serviceCode: 'B20002', serviceName }, { 'idempotency-key': 'budget-1' });

    expect(plain.result.statusCode).toBe(201);
    expect(plain.calls).toEqual(['BatchGetItemCommand', 'PutItemCommand']);
    expect(keyed.result.statusCode).toBe(201);
    expect(keyed.calls).toEqual(['PutItemCommand', 'BatchGetItemCommand', 'PutItemCommand', 'PutItemCommand']);
    // Its replay: the refused reservation returns the key's answer; the use-case does not run.
    const replay = await invoke('POST /v1/acceptances', '/v1/acceptances', {}, operator, { bodyId, serviceCode: 'B20002', serviceName }, { 'idempotency-key': 'budget-1' });
    expect(replay.result.statusCode).toBe(201);
    expect(replay.result.headers?.['idempotent-replayed']).toBe('true');
    expect(replay.calls).toEqual(['PutItemCommand']);
    // No e-mail and no schedule on the request path: they wait for the effects function.
    expect((await sentMails(scenario.stack.sesEndpoint, { settle: false })).length).toBe(mailsBefore);
  });

  /** Opens an acceptance and lets its effects finish (the next step then finds nothing pending). */
  const openFinished = async (serviceCode: string) => {
    const opened = await invoke('POST /v1/acceptances', '/v1/acceptances', {}, operator, { bodyId, serviceCode, serviceName });
    scenario.stack.effects.resume();
    await settled();
    scenario.stack.effects.pause();
    return (JSON.parse(opened.result.body as string) as { id: string }).id;
  };

  it('runs a step in 2 calls, 4 with an Idempotency-Key, for the body and for the UCC alike', async () => {
    const id = await openFinished('B30003');
    const step = `/v1/acceptances/${id}/responsible-person`;

    const appointed = await invoke('POST /v1/acceptances/{id}/responsible-person', step, { id }, akimat, person, { 'idempotency-key': 'budget-2' });
    expect(appointed.result.statusCode).toBe(200);
    expect(appointed.calls).toEqual(['PutItemCommand', 'BatchGetItemCommand', 'PutItemCommand', 'PutItemCommand']);

    // The UCC's own step on another acceptance, without a key: the body comes from the id.
    const otherId = await openFinished('B40004');
    const byUcc = await invoke('POST /v1/acceptances/{id}/responsible-person', `/v1/acceptances/${otherId}/responsible-person`, { id: otherId }, { clientId: 'budget-admin', role: 'ucc_admin' }, person);
    expect(byUcc.result.statusCode).toBe(200);
    expect(byUcc.calls).toEqual(['BatchGetItemCommand', 'PutItemCommand']);

    // A replay of the keyed step: the same answer, and no second write of the acceptance.
    const replay = await invoke('POST /v1/acceptances/{id}/responsible-person', step, { id }, akimat, person, { 'idempotency-key': 'budget-2' });
    expect(replay.result.statusCode).toBe(200);
    expect(replay.result.headers?.['idempotent-replayed']).toBe('true');
    expect(replay.result.body).toBe(appointed.result.body);
    expect(replay.calls).toEqual(['PutItemCommand']);
  });

  it('carries the unfinished work of the previous write forward with one more write, no read', async () => {
    const opened = await invoke('POST /v1/acceptances', '/v1/acceptances', {}, operator, { bodyId, serviceCode: 'B50005', serviceName });
    const id = (JSON.parse(opened.result.body as string) as { id: string }).id;
    // Its effects have not run (the feeder is held): the step's first write is refused and
    // returns the stored item, whose pending work the second write carries with its own.
    const step = await invoke('POST /v1/acceptances/{id}/responsible-person', `/v1/acceptances/${id}/responsible-person`, { id }, akimat, person);
    expect(step.result.statusCode).toBe(200);
    expect(step.calls).toEqual(['BatchGetItemCommand', 'PutItemCommand', 'PutItemCommand']);
    scenario.stack.effects.resume();
    await settled();
    scenario.stack.effects.pause();
    const mails = (await sentMails(scenario.stack.sesEndpoint, { settle: false })).filter((mail) => mail.subject.endsWith('B50005'));
    // The request (open) and the appointment (step): both sent, once each.
    expect(mails.map((mail) => mail.destination.to)).toHaveLength(2);
  });
});
