import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import type { LocalStack } from '#infra/local/local-stack.ts';
import { REPO_ROOT } from '#infra/bundle-functions.ts';
import { OPENAPI_FILE, openApiText, routeFacts, type RouteFacts } from '#infra/openapi-document.ts';
import { API_REFERENCE_SCRIPT, ROUTES, routeKey } from '#http/routes.ts';
import { ROUTE_DOCS } from '#http/route-docs.ts';
import { ROUTE_RESPONSES, type SuccessResponse } from '#http/response-schemas.ts';
import { apiClient, startTestStack } from '../../support/local-stack.ts';
import { checkResponse } from '../../support/response-contract.ts';

type Json = Record<string, any>;
const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options', 'trace'];

const committedText = readFileSync(resolve(REPO_ROOT, OPENAPI_FILE), 'utf8');
const committed = JSON.parse(committedText) as Json;
const operations = (document: Json): { key: string; operation: Json }[] =>
  Object.entries(document.paths as Record<string, Json>).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, operation: operation as Json })),
  );
const operationOf = (name: string): Json => {
  const route = ROUTES.find((candidate) => candidate.name === name)!;
  return committed.paths[route.path][route.method.toLowerCase()] as Json;
};

describe('the OpenAPI document (infra/openapi-document.ts, functions/http/openapi.json)', () => {
  let facts: RouteFacts[];

  beforeAll(async () => {
    facts = await routeFacts();
  });

  it('is committed as generated: run `npm run openapi` after changing a route or its schemas', async () => {
    // Act
    const generated = await openApiText();
    // Assert: name the operations that differ, not a 240 KB diff
    const fresh = new Map(operations(JSON.parse(generated) as Json).map(({ key, operation }) => [key, JSON.stringify(operation)]));
    const stale = [...new Set([...fresh.keys(), ...operations(committed).map(({ key }) => key)])].filter(
      (key) => fresh.get(key) !== JSON.stringify(operations(committed).find((entry) => entry.key === key)?.operation),
    );
    expect(stale, 'functions/http/openapi.json is stale: run npm run openapi').toEqual([]);
    expect(committedText === generated, 'functions/http/openapi.json is stale: run npm run openapi').toBe(true);
  });

  it('has every route of the route table, and nothing else', () => {
    // Act
    const documented = operations(committed).map(({ key }) => key).sort();
    // Assert
    expect(documented).toEqual(ROUTES.map(routeKey).sort());
    for (const route of ROUTES) expect(operationOf(route.name).operationId).toBe(route.name);
  });

  it('is a valid OpenAPI 3.1 document (@seriousme/openapi-schema-validator)', async () => {
    // Arrange
    const validator = new Validator();
    // Act
    const result = await validator.validate(committed);
    // Assert
    expect(validator.version).toBe('3.1');
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
  });

  it('rejects a document with a parameter missing its location (the validator can fail)', async () => {
    // Arrange
    const broken = structuredClone(committed);
    broken.paths['/v1/complaints'].get.parameters.push({ name: 'page', schema: { type: 'string' } });
    // Act
    const result = await new Validator().validate(broken);
    // Assert
    expect(result.valid).toBe(false);
  });

  it('names the roles of each operation from the route table, with the Bearer key except on public routes', () => {
    // Assert
    expect(committed.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const route of ROUTES) {
      const operation = operationOf(route.name);
      if (route.access === 'public') {
        expect(operation.security, route.name).toEqual([]);
        expect(operation['x-roles'], route.name).toEqual([]);
      } else {
        expect(operation.security, route.name).toEqual([{ apiKey: [] }]);
        expect(operation['x-roles'], route.name).toEqual([...route.access]);
        for (const role of route.access) expect(operation.description, route.name).toContain(`\`${role}\``);
        expect(Object.keys(operation.responses), route.name).toEqual(expect.arrayContaining(['401', '403']));
      }
    }
  });

  it('cites the regulation in each operation’s description (a § of the Rules, a law article, or none said so)', () => {
    // Assert
    for (const route of ROUTES) {
      const regulation = ROUTE_DOCS[route.name]?.regulation;
      expect(regulation, `${route.name} needs an entry in functions/http/route-docs.ts`).toMatch(/§\d+|Art\. \d+|^none: /);
      expect(operationOf(route.name).description, route.name).toContain(`**Regulation:** ${regulation}`);
    }
    expect(Object.keys(ROUTE_DOCS).sort()).toEqual(ROUTES.map((route) => route.name).sort());
  });

  it('answers errors as RFC 9457 problem+json', () => {
    // Assert
    for (const { key, operation } of operations(committed)) {
      const problems = Object.entries(operation.responses as Record<string, Json>).filter(([status]) => /^[45]/.test(status));
      expect(problems.map(([status]) => status), key).toEqual(expect.arrayContaining(['400', '500']));
      for (const [status, response] of problems) {
        const resolved = committed.components.responses[(response.$ref as string).split('/').pop()!] as Json;
        expect(Object.keys(resolved.content), `${key} ${status}`).toEqual(['application/problem+json']);
      }
    }
    expect(committed.components.schemas.Problem.required).toEqual(['type', 'title', 'status']);
  });

  it('gives each route the request schemas its handler validates with: path, query and body', () => {
    // Arrange: a route with all three kinds
    const list = operationOf('list-complaints');
    const post = operationOf('post-body');
    // Assert
    expect(list.parameters.filter((parameter: Json) => parameter.in === 'query').map((parameter: Json) => parameter.name)).toEqual(
      expect.arrayContaining(['limit', 'cursor', 'bodyId', 'status', 'month']),
    );
    expect(list.parameters.find((parameter: Json) => parameter.name === 'bodyId').schema).toEqual({ type: 'string', pattern: '^\\d{12}$' });
    expect(post.requestBody.required).toBe(true);
    expect(post.requestBody.content['application/json'].schema.required).toEqual(expect.arrayContaining(['names', 'kind', 'bin']));
    expect(operationOf('get-complaint').parameters[0]).toMatchObject({ name: 'id', in: 'path', required: true });
    for (const fact of facts) {
      const operation = operationOf(fact.route.name);
      expect(operation.requestBody === undefined, fact.route.name).toBe(fact.schemas.body === undefined);
      const pathNames = (operation.parameters ?? []).filter((parameter: Json) => parameter.in === 'path').map((parameter: Json) => parameter.name);
      expect(pathNames.sort(), fact.route.name).toEqual([...fact.route.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]).sort());
    }
  });

  it('declares Idempotency-Key on keyed POSTs, If-Match where the handler checks it, ETag where it sends one', () => {
    // Assert
    const headerRefs = (name: string) => (operationOf(name).parameters ?? []).map((parameter: Json) => parameter.$ref).filter(Boolean);
    for (const route of ROUTES.filter((candidate) => candidate.method === 'POST')) {
      expect(headerRefs(route.name), route.name).toContain('#/components/parameters/IdempotencyKey');
    }
    for (const name of ['patch-body', 'put-calendar-year', 'post-acceptance-registration', 'post-plan-approval']) {
      expect(headerRefs(name), name).toContain('#/components/parameters/IfMatch');
      expect(Object.keys(operationOf(name).responses), name).toContain('412');
    }
    expect(headerRefs('get-complaint')).not.toContain('#/components/parameters/IfMatch');
    expect(operationOf('get-complaint').responses['200'].headers.ETag).toEqual({ $ref: '#/components/headers/ETag' });
    expect(operationOf('get-health').responses['200'].headers).toBeUndefined();
  });

  it('documents the bodies a use-case checks beyond the route (batch items, a merge patch) with the domain’s own schema, not an empty one', () => {
    // Assert
    const bodyOf = (name: string) => (Object.values(operationOf(name).requestBody.content)[0] as Json).schema as Json;
    const itemOf = (name: string) => (bodyOf(name).properties as Json).items as Json;
    expect(itemOf('post-appeal-batch')).toMatchObject({ maxItems: 500, items: { properties: { channel: expect.anything(), outcome: expect.anything() } } });
    expect(itemOf('post-service-stage-batch')).toMatchObject({ maxItems: 500, items: { properties: { applicationNumber: expect.anything(), stage: expect.anything() } } });
    expect(Object.keys(bodyOf('patch-body').properties as Json)).toEqual(expect.arrayContaining(['names', 'email']));
    expect(bodyOf('patch-body').required).toBeUndefined();
  });

  it('gives no read If-Match or 412, and an ETag only to the reads that send one (not from a step helper they take a schema from)', () => {
    // Assert
    for (const route of ROUTES.filter((candidate) => candidate.method === 'GET')) {
      expect((operationOf(route.name).parameters ?? []).map((parameter: Json) => parameter.$ref), route.name).not.toContain('#/components/parameters/IfMatch');
      expect(Object.keys(operationOf(route.name).responses), route.name).not.toContain('412');
    }
    expect(operationOf('get-acceptance').responses['200'].headers.ETag).toEqual({ $ref: '#/components/headers/ETag' });
    expect(operationOf('get-acceptance-events').responses['200'].headers).toBeUndefined();
    expect(operationOf('get-acceptance-document').responses['200'].headers).toBeUndefined();
  });

  it('declares the success responses of every operation, and of no other: a JSON body by its schema, a file by its media types', () => {
    // Assert
    expect(Object.keys(ROUTE_RESPONSES).sort()).toEqual(ROUTES.map((route) => route.name).sort());
    for (const route of ROUTES) {
      const declared = Object.entries(ROUTE_RESPONSES[route.name as keyof typeof ROUTE_RESPONSES]) as [string, SuccessResponse][];
      const responses = operationOf(route.name).responses as Json;
      expect(Object.keys(responses).filter((status) => /^[23]/.test(status)), route.name).toEqual(declared.map(([status]) => status));
      for (const [status, response] of declared) {
        const content = responses[status].content as Json | undefined;
        if (response.json !== undefined) expect(Object.keys(content!), `${route.name} ${status}`).toEqual(['application/json']);
        else if (response.file !== undefined) {
          expect(Object.keys(content!), `${route.name} ${status}`).toEqual([...response.file.contentTypes]);
          for (const media of Object.values(content!)) expect(media.schema, `${route.name} ${status}`).toEqual(response.file.format === 'binary' ? { type: 'string', format: 'binary' } : { type: 'string' });
        } else expect(content, `${route.name} ${status}`).toBeUndefined();
      }
    }
    expect(Object.keys(operationOf('post-body').responses)).toEqual(expect.arrayContaining(['200', '201']));
    expect(Object.keys(operationOf('delete-client').responses)).toContain('204');
    expect(Object.keys(operationOf('post-report').responses)).toContain('202');
    expect(operationOf('get-report-file').responses['303'].headers.Location).toEqual({ $ref: '#/components/headers/Location' });
  });

  it('declares each list’s pagination envelope and each body’s members, referring to shared schemas that exist', () => {
    // Arrange
    const schemaOf = (name: string, status = '200') => operationOf(name).responses[status].content['application/json'].schema as Json;
    const refs = [...JSON.stringify(committed.paths).matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((match) => match[1]!);
    // Assert
    expect(schemaOf('list-acceptances')).toMatchObject({
      type: 'object',
      required: ['items'],
      properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Acceptance' } }, nextCursor: { type: 'string' } },
      additionalProperties: false,
    });
    expect(schemaOf('get-acceptance')).toEqual({ $ref: '#/components/schemas/Acceptance' });
    expect(committed.components.schemas.Acceptance.required).toEqual(expect.arrayContaining(['id', 'status', 'deadlines', 'history', 'allowedActions']));
    expect(committed.components.schemas.Acceptance.additionalProperties).toBe(false);
    expect(schemaOf('post-client', '201').properties).toHaveProperty('key');
    expect(schemaOf('get-client')).toEqual({ $ref: '#/components/schemas/Client' });
    expect(committed.components.schemas.Client.properties).not.toHaveProperty('key');
    expect(new Set(refs).size).toBeGreaterThan(10);
    for (const name of new Set(refs)) expect(committed.components.schemas, name).toHaveProperty(name);
  });

  it('carries Kazakh and Russian examples that the route’s own schemas accept', () => {
    // Arrange
    const examples = facts.flatMap((fact) => Object.entries(ROUTE_DOCS[fact.route.name]?.examples ?? {}).map(([name, example]) => ({ fact, name, example })));
    // Assert
    expect(examples.length).toBeGreaterThanOrEqual(5);
    for (const { fact, name, example } of examples) {
      if (example.body !== undefined) expect(fact.schemas.body!.safeParse(example.body).success, `${fact.route.name} ${name}`).toBe(true);
      // Where the route only bounds the body, the schema the document shows (the use-case's) must take it too.
      const documented = ROUTE_DOCS[fact.route.name]?.requestBody;
      if (example.body !== undefined && documented !== undefined) expect(documented.safeParse(example.body).success, `${fact.route.name} ${name} (requestBody)`).toBe(true);
      if (example.query !== undefined) expect(fact.schemas.query!.safeParse(example.query).success, `${fact.route.name} ${name}`).toBe(true);
    }
    const akimat = operationOf('post-body').requestBody.content['application/json'].examples.akimat.value;
    expect(akimat.names.kk).toMatch(/[әіңғүұқөһ]/);
    expect(akimat.names.ru).toMatch(/[а-я]/);
  });

  it('gives every operation that takes a request body at least one example of it, in the document too', () => {
    // Arrange: the routes whose handler validates a body (PUT /v1/calendars/KZ/{year} bounds it to an object)
    const withBody = facts.filter((fact) => fact.schemas.body !== undefined).map((fact) => fact.route.name);
    // Act
    const withoutExample = withBody.filter((name) => !Object.values(ROUTE_DOCS[name]?.examples ?? {}).some((example) => example.body !== undefined));
    const undocumented = withBody.filter((name) =>
      Object.values(operationOf(name).requestBody.content as Record<string, Json>).some((media) => Object.keys(media.examples ?? {}).length === 0),
    );
    // Assert
    expect(withBody).toEqual(expect.arrayContaining(['post-body', 'patch-body', 'put-calendar-year', 'post-plan-approval', 'post-appeal-batch']));
    expect(withoutExample, 'add a body example to functions/http/route-docs.ts').toEqual([]);
    expect(undocumented, 'run npm run openapi').toEqual([]);
  });

  it('gives every list that takes a filter an example of it', () => {
    // Arrange: a filter is any query parameter but the page's own (limit, cursor)
    const filtered = facts.filter((fact) => fact.route.method === 'GET' && fact.schemas.query !== undefined).filter((fact) => {
      const names = Object.keys((z.toJSONSchema(fact.schemas.query!, { io: 'input', unrepresentable: 'any' }).properties ?? {}) as Json);
      return names.some((name) => name !== 'limit' && name !== 'cursor');
    });
    // Act
    const withoutExample = filtered
      .filter((fact) => !Object.values(ROUTE_DOCS[fact.route.name]?.examples ?? {}).some((example) => example.query !== undefined))
      .map((fact) => fact.route.name);
    // Assert
    expect(filtered.map((fact) => fact.route.name)).toEqual(expect.arrayContaining(['list-complaints', 'list-deadlines', 'list-reports']));
    expect(withoutExample, 'add a query example to functions/http/route-docs.ts').toEqual([]);
    const status = operationOf('list-complaints').parameters.find((parameter: Json) => parameter.name === 'status');
    expect(Object.keys(status.examples ?? {}).length, 'run npm run openapi').toBeGreaterThan(0);
  });
});

/** GET with the raw bytes (fetch would decompress them). */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolvePromise, reject) => {
    request(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const body = Buffer.concat(chunks);
        // Held to the document's declaration like every apiClient answer (a file: its media type).
        checkResponse({ method: 'GET', path: new URL(url).pathname, status: response.statusCode ?? 0, contentType: response.headers['content-type'] ?? null, body: body.length === 0 ? '' : body });
        resolvePromise({ status: response.statusCode ?? 0, headers: response.headers, body });
      });
      response.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

describe('GET /v1/openapi.json, GET /docs and its script, on the local stack (no key)', () => {
  let stack: LocalStack;
  const script = readFileSync(resolve(REPO_ROOT, API_REFERENCE_SCRIPT.from));

  beforeAll(async () => {
    stack = await startTestStack();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('serves the committed document without an API key', async () => {
    // Act
    const response = await apiClient(stack.url)('GET', '/v1/openapi.json', { settle: false });
    // Assert
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.body).toEqual(committed);
  });

  it('holds a real answer to its declaration: as served it passes, with a member renamed it fails (the contract apiClient applies)', async () => {
    // Arrange
    const answer = await apiClient(stack.url, stack.adminKey)('GET', '/v1/rulebooks');
    const { current, ...rest } = answer.body as Json;
    const observed = { method: 'GET', path: '/v1/rulebooks', status: answer.status, contentType: answer.headers.get('content-type') };
    // Act / Assert
    expect(() => checkResponse({ ...observed, body: answer.body })).not.toThrow();
    expect(() => checkResponse({ ...observed, body: { ...rest, inForce: current } })).toThrow(/get-rulebooks.*\n.*current: /s);
    expect(() => checkResponse({ ...observed, status: 201, body: answer.body })).toThrow(/status not declared/);
  });

  it('serves the reference page, which loads its script and the document from this origin only', async () => {
    // Act
    const response = await rawGet(`${stack.url}/docs`);
    const html = response.body.toString('utf8');
    // Assert
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    const sources = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((match) => match[1]);
    expect(sources).toEqual(['/docs/api-reference.js']);
    expect(html).toContain('data-url="/v1/openapi.json"');
    expect(html).not.toMatch(/https?:\/\//);
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('sandbox');
  });

  it('configures "try it" with the Bearer API key, held in memory only', async () => {
    // Act
    const html = (await rawGet(`${stack.url}/docs`)).body.toString('utf8');
    const configuration = JSON.parse(/data-configuration="([^"]+)"/.exec(html)![1]!.replaceAll('&quot;', '"').replaceAll('&amp;', '&')) as Json;
    // Assert
    expect(configuration).toMatchObject({ url: '/v1/openapi.json', authentication: { preferredSecurityScheme: 'apiKey' }, persistAuth: false });
  });

  it('serves the script gzipped to a client that accepts it, the package’s own bytes', async () => {
    // Act
    const response = await rawGet(`${stack.url}${'/docs/api-reference.js'}`, { 'accept-encoding': 'gzip, br' });
    // Assert
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.body.length).toBeLessThan(script.length / 2);
    expect(gunzipSync(response.body).equals(script)).toBe(true);
  });

  it('serves the script as it is to a client that takes no gzip, and 304 for the ETag it holds', async () => {
    // Act
    const identity = await rawGet(`${stack.url}/docs/api-reference.js`, { 'accept-encoding': 'identity' });
    const again = await rawGet(`${stack.url}/docs/api-reference.js`, { 'if-none-match': String(identity.headers.etag) });
    // Assert
    expect(identity.status).toBe(200);
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(identity.body.equals(script)).toBe(true);
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });
});
