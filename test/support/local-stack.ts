import { inject } from 'vitest';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '#infra/local/local-stack.ts';
import { checkResponse } from './response-contract.ts';

/** The running stack's settle(): reads in these helpers wait for the effects of earlier writes. */
let settleEffects: ((timeoutMs?: number) => Promise<void>) | undefined;

/** A table of its own for each stack on the run's shared DynamoDB Local. */
export const testTableName = (): string => `ucc-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/**
 * Starts the local stack in this test process on free ports, in memory, without the timer:
 * on the run's Amazon DynamoDB Local (test/support/global-setup.ts) with a table of its own,
 * or on dynalite when asked (`store: 'dynalite'`) or when no DynamoDB Local runs.
 */
export async function startTestStack(options: Partial<LocalStackOptions> & { store?: 'dynamodb-local' | 'dynalite' } = {}): Promise<LocalStack> {
  const { store, ...rest } = options;
  const endpoint = store === 'dynalite' ? undefined : inject('dynamoDbLocalEndpoint');
  const stack = await startLocalStack({
    dataDir: null,
    port: 0,
    dynamoPort: 0,
    sesPort: 0,
    s3Port: 0,
    scheduleRunner: false,
    ...(endpoint === undefined ? {} : { dynamoEndpoint: endpoint, tableName: testTableName() }),
    ...rest,
  });
  settleEffects = stack.settle;
  return stack;
}

/**
 * Waits until the effects of every write so far are finished (polling, never a fixed sleep).
 * The API client's reads and sentMails call it first, so a test reads what its writes caused.
 */
export async function settled(timeoutMs?: number): Promise<void> {
  await settleEffects?.(timeoutMs);
}

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * A small HTTP client for the local API: JSON in, parsed JSON (or problem+json) out. Every answer
 * is held to the OpenAPI document's declaration of its operation (response-contract.ts): a body
 * that drifted from it fails the test.
 */
export function apiClient(baseUrl: string, key?: string) {
  return async function call<T = any>(
    method: string,
    path: string,
    options: { body?: unknown; rawBody?: string; headers?: Record<string, string>; key?: string | null; settle?: boolean } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    const bearer = options.key === null ? undefined : (options.key ?? key);
    if (bearer !== undefined) headers.authorization = `Bearer ${bearer}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    // A read sees the effects of the writes before it (audit log, projections, deadlines).
    if (method === 'GET' && options.settle !== false) await settled();
    const response = await fetch(`${baseUrl}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
    const text = await response.text();
    let parsed: unknown = text;
    if (/json/.test(response.headers.get('content-type') ?? '') && text.length > 0) parsed = JSON.parse(text);
    checkResponse({ method, path, status: response.status, contentType: response.headers.get('content-type'), body: parsed });
    return { status: response.status, headers: response.headers, body: parsed as T };
  };
}

/**
 * fetch for what apiClient does not read (a file's bytes, a header spelled otherwise), held to
 * the same response contract: its status and media type, and a JSON body by its schema.
 */
export async function apiFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(url, init);
  const contentType = response.headers.get('content-type');
  const text = /json/.test(contentType ?? '') ? await response.clone().text() : undefined;
  const body = text === undefined ? (response.status === 204 || response.status === 304 ? '' : '(bytes)') : text.length === 0 ? '' : JSON.parse(text);
  checkResponse({ method: init.method ?? 'GET', path: new URL(url).pathname, status: response.status, contentType, body });
  return response;
}

export interface StoredMail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { text?: string; html?: string };
  attachments: { filename?: string; content: string; contentType?: string }[];
  at: number;
}

/** The SES emulator's store: every mail it accepted, once the effects of earlier writes are done. */
export async function sentMails(sesEndpoint: string, options: { settle?: boolean } = {}): Promise<StoredMail[]> {
  if (options.settle !== false) await settled();
  const response = await fetch(`${sesEndpoint}/store`);
  const store = (await response.json()) as { emails: StoredMail[] };
  return store.emails;
}

/** Empties the SES emulator's store, after the mail of earlier writes has gone out. */
export async function clearMails(sesEndpoint: string, options: { settle?: boolean } = {}): Promise<void> {
  if (options.settle !== false) await settled();
  await fetch(`${sesEndpoint}/clear-store`, { method: 'POST' });
}

/** An API key for a role (and body), written straight to the table the way the client API stores it. */
export async function createTestKey(role: import('#domain/access/roles.ts').Role, bodyId?: string): Promise<string> {
  const { newApiKey } = await import('#adapters/api-keys.ts');
  const { bootstrapClient } = await import('#adapters/bootstrap-client.ts');
  const key = newApiKey();
  const id = `test-${role}-${Math.random().toString(36).slice(2, 8)}`;
  await bootstrapClient(key, { id, name: id, role, ...(bodyId ? { bodyId } : {}) }, new Date().toISOString());
  return key;
}

/**
 * Captures every line the shared Powertools logger writes (handlers run in the test process),
 * at DEBUG level, until the returned function is called.
 */
export async function captureLogs(): Promise<{ text: () => string; restore: () => void }> {
  const { Console } = await import('node:console');
  const { Writable } = await import('node:stream');
  const { logger } = await import('#commons/logger.ts');
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(String(chunk));
      callback();
    },
  });
  const target = logger as unknown as { console: Console };
  const original = target.console;
  target.console = new Console({ stdout: sink, stderr: sink });
  const level = logger.getLevelName();
  logger.setLogLevel('DEBUG');
  return {
    text: () => lines.join(''),
    restore: () => {
      target.console = original;
      logger.setLogLevel(level);
    },
  };
}

export interface BodyScenario {
  stack: LocalStack;
  admin: ReturnType<typeof apiClient>;
  operator: ReturnType<typeof apiClient>;
  /** A `body` client bound to the scenario's body. */
  akimat: ReturnType<typeof apiClient>;
}

/** The usual arrangement: a stack, the admin, an operator, and one registered body with its client. */
export async function openBodyScenario(bodyId: string, kind = 'local_executive_body'): Promise<BodyScenario> {
  const { newBody } = await import('./fixtures.ts');
  const stack = await startTestStack();
  const admin = apiClient(stack.url, stack.adminKey);
  const operator = apiClient(stack.url, await createTestKey('ucc_operator'));
  const registered = await admin('POST', '/v1/bodies', { body: newBody(bodyId, kind) });
  if (registered.status !== 201) throw new Error(`body ${bodyId} not registered: ${registered.status}`);
  return { stack, admin, operator, akimat: apiClient(stack.url, await createTestKey('body', bodyId)) };
}

/**
 * The reports' recipients beside the scenario's body: the quality authority, the informatization
 * authority and the UCC registered as bodies, and a client of each authority's role.
 */
export async function registerAuthorityBodies(
  scenario: BodyScenario,
  ids: { quality: string; informatization: string; ucc: string },
): Promise<{ quality: ReturnType<typeof apiClient>; informatization: ReturnType<typeof apiClient> }> {
  const { newBody } = await import('./fixtures.ts');
  for (const [id, kind] of [
    [ids.quality, 'quality_authority'],
    [ids.informatization, 'informatization_authority'],
    [ids.ucc, 'ucc'],
  ] as const) {
    const created = await scenario.admin('POST', '/v1/bodies', { body: newBody(id, kind) });
    if (created.status !== 201) throw new Error(`body ${id} (${kind}) not registered: ${created.status} ${JSON.stringify(created.body)}`);
  }
  return {
    quality: apiClient(scenario.stack.url, await createTestKey('quality_authority')),
    informatization: apiClient(scenario.stack.url, await createTestKey('informatization_authority')),
  };
}

/** Restores the real clock and stops the stack. */
export async function closeScenario(scenario: Pick<BodyScenario, 'stack' | 'admin'> | undefined): Promise<void> {
  if (scenario === undefined) return;
  await scenario.admin('POST', '/local/clock', { body: { now: null } });
  await scenario.stack.stop();
}
