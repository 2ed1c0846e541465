import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as z from 'zod';
import type { RouteSchemas } from '#http/middleware/http-route.ts';
import { KEY_PATTERN as IDEMPOTENCY_KEY_PATTERN } from '#http/middleware/idempotency.ts';
import { OPENAPI_DOCUMENT, ROUTES, type RouteDefinition, type RouteName } from '#http/routes.ts';
import { ROUTE_DOCS, type RouteDoc } from '#http/route-docs.ts';
import { RESPONSE_COMPONENTS, responsesOf, type SuccessResponse } from '#http/response-schemas.ts';
import { REPO_ROOT } from './bundle-functions.ts';

/**
 * The OpenAPI 3.1 document of the route table, generated from the zod schemas each handler
 * validates with (httpRoute's `routeSchemas`: one copy), the route table's access (roles,
 * public), ROUTE_DOCS (the §, examples) and ROUTE_RESPONSES (each operation's success bodies,
 * functions/http/response-schemas.ts, which the integration tests hold every answer to). `npm run openapi` writes it to OPENAPI_FILE, which
 * GET /v1/openapi.json serves; test/integration/http/openapi.test.ts fails when the committed file is stale.
 */
export const OPENAPI_FILE = OPENAPI_DOCUMENT.from;

type Json = Record<string, unknown>;

export interface RouteFacts {
  readonly route: RouteDefinition;
  readonly schemas: RouteSchemas;
  /** Read from the handler module's source (and its sibling helpers): it checks If-Match, sends ETag or Location. */
  readonly ifMatch: boolean;
  readonly etag: boolean;
  readonly location: boolean;
}

/** Input shapes (what a client sends), JSON Schema 2020-12 (OpenAPI 3.1's dialect); a date or transform the schema cannot say becomes `{}`. */
const jsonSchemaOf = (schema: z.ZodType): Json => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Json;
  return rest;
};

const PROBLEM_TITLES: Readonly<Record<number, string>> = {
  400: 'The request is not valid (each field named in `errors`), or its JSON is malformed',
  401: 'No valid API key (Authorization: Bearer)',
  403: 'The key’s role may not call this operation',
  404: 'Nothing at this path, or a body other than the caller’s (the same answer)',
  409: 'The state does not allow it now, or a concurrent write won (read again and retry)',
  412: 'If-Match names a version that is no longer current',
  413: 'The body is larger than this operation accepts',
  415: 'The body is not JSON',
  422: 'Well-formed but not processable: an Idempotency-Key reused with another request, or a date in a year the working calendar does not hold (or under no rulebook in force)',
  500: 'An unexpected error: only the request id, never internals',
  503: 'A store or service the operation needs is throttled or unavailable: nothing was half-written; retry after `Retry-After` seconds, with the same Idempotency-Key',
};

const problemRef = (status: number) => ({ $ref: `#/components/responses/Problem${status}` });

function problemStatuses(facts: RouteFacts, hasPathParameters: boolean): number[] {
  const { route } = facts;
  const statuses = [400];
  if (route.access !== 'public') statuses.push(401, 403);
  if (hasPathParameters || route.bodyScope !== undefined) statuses.push(404);
  if (route.method !== 'GET') statuses.push(409);
  if (facts.ifMatch) statuses.push(412);
  if (facts.schemas.body !== undefined) statuses.push(413, 415);
  // A write's Idempotency-Key reused; on any route behind a key, a day counted in a year with no calendar (reads count days too: a review period, a deadline).
  if (route.method !== 'GET' || route.access !== 'public') statuses.push(422);
  statuses.push(500);
  // Every operation behind a key reads or writes the store (functions/commons/transient.ts).
  if (route.access !== 'public') statuses.push(503);
  return statuses;
}

/** Path and query parameters from an object schema: one parameter per property, required as the schema says. */
function parametersOf(schema: z.ZodType | undefined, location: 'path' | 'query', examples: RouteDoc['examples']): Json[] {
  if (schema === undefined) return [];
  const object = jsonSchemaOf(schema);
  const properties = (object.properties ?? {}) as Record<string, Json>;
  const required = new Set((object.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...propertySchema } = property;
    const valued = Object.entries(examples ?? {}).filter(([, example]) => location === 'query' && example.query?.[name] !== undefined);
    return {
      name,
      in: location,
      required: location === 'path' || required.has(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: propertySchema,
      ...(valued.length === 0
        ? {}
        : { examples: Object.fromEntries(valued.map(([key, example]) => [key, { summary: example.summary, value: example.query?.[name] }])) }),
    };
  });
}

/**
 * The JSON Schemas of the success bodies (response-schemas.ts), what the handlers send (zod's
 * output side): the shared ones under components/schemas, each route's own inline in its
 * operation, referring to the shared ones.
 */
interface ResponseBodies {
  readonly components: Record<string, Json>;
  readonly of: (schema: z.ZodType) => Json;
}

const OWN_ID = 'operation-response-';

function responseBodies(routes: readonly RouteDefinition[]): ResponseBodies {
  const registry = z.registry<{ id: string }>();
  for (const [name, schema] of Object.entries(RESPONSE_COMPONENTS)) registry.add(schema, { id: name });
  const own = new Map<z.ZodType, string>();
  for (const route of routes) {
    for (const response of Object.values(responsesOf(route.name as RouteName)) as SuccessResponse[]) {
      if (response.json === undefined || registry.has(response.json) || own.has(response.json)) continue;
      own.set(response.json, `${OWN_ID}${own.size}`);
      registry.add(response.json, { id: own.get(response.json)! });
    }
  }
  const { schemas } = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io: 'output',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  }) as { schemas: Record<string, Json> };
  const bare = (schema: Json): Json => {
    const { $schema: _dialect, $id: _id, ...rest } = schema;
    return withoutSafeIntegerBounds(rest) as Json;
  };
  const text = JSON.stringify(Object.values(schemas).map(bare));
  if (text.includes(`/${OWN_ID}`)) throw new Error('An operation’s own response schema is nested in another: name it in RESPONSE_COMPONENTS');
  return {
    components: Object.fromEntries(Object.keys(RESPONSE_COMPONENTS).map((name) => [name, bare(schemas[name]!)])),
    of: (schema) => {
      const name = Object.entries(RESPONSE_COMPONENTS).find(([, component]) => component === schema)?.[0];
      return name !== undefined ? { $ref: `#/components/schemas/${name}` } : bare(schemas[own.get(schema)!]!);
    },
  };
}

/** zod's int() bounds every integer by JavaScript's safe range: nothing a client needs told 280 times. */
function withoutSafeIntegerBounds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSafeIntegerBounds);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key, member]) => !((key === 'minimum' || key === 'maximum') && Math.abs(member as number) === Number.MAX_SAFE_INTEGER))
      .map(([key, member]) => [key, withoutSafeIntegerBounds(member)]),
  );
}

/** One success status: its JSON body, or a file's media types, and the headers the handler sends. */
function successOf(route: RouteDefinition, status: number, response: SuccessResponse, headers: Json, bodies: ResponseBodies): Json {
  const file = response.file;
  const content =
    response.json !== undefined
      ? { 'application/json': { schema: bodies.of(response.json) } }
      : file !== undefined
        ? Object.fromEntries(file.contentTypes.map((type) => [type, { schema: file.format === 'binary' ? { type: 'string', format: 'binary' } : { type: 'string' } }]))
        : undefined;
  // A 303 names the file's link; a 304 only confirms the client's version; a GET's 200 is at its own URL.
  const shown =
    status === 303
      ? { Location: { $ref: '#/components/headers/Location' } }
      : status === 304 || status === 204 || (status === 200 && route.method === 'GET')
        ? pick(headers, 'ETag')
        : headers;
  return {
    description: response.description,
    ...(Object.keys(shown).length === 0 ? {} : { headers: shown }),
    ...(content === undefined ? {} : { content }),
  };
}

const pick = (object: Json, key: string): Json => (key in object ? { [key]: object[key] } : {});

const templateParameters = (path: string): string[] => [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] as string);

const rolesText = (route: RouteDefinition): string =>
  route.access === 'public' ? 'public: no API key' : route.access.map((role) => `\`${role}\``).join(', ');

function operationOf(facts: RouteFacts, tag: string, bodies: ResponseBodies): Json {
  const { route, schemas } = facts;
  const doc = ROUTE_DOCS[route.name];
  if (doc === undefined) throw new Error(`${route.name} has no entry in ROUTE_DOCS (functions/http/route-docs.ts)`);
  const declaredPath = parametersOf(schemas.params, 'path', doc.examples);
  // A path parameter the handler does not validate is still a parameter of the path.
  const pathParameters = [
    ...declaredPath,
    ...templateParameters(route.path)
      .filter((name) => !declaredPath.some((parameter) => parameter.name === name))
      .map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
  ];
  const headers: Json[] = [];
  if (route.method === 'POST' && route.access !== 'public') headers.push({ $ref: '#/components/parameters/IdempotencyKey' });
  if (facts.ifMatch) headers.push({ $ref: '#/components/parameters/IfMatch' });
  const bodyExamples = Object.entries(doc.examples ?? {}).filter(([, example]) => example.body !== undefined);
  // The body as the use-case checks it where the route only bounds it (route-docs.ts `requestBody`).
  const bodySchema = schemas.body === undefined ? undefined : jsonSchemaOf(doc.requestBody ?? schemas.body);
  const media = { schema: bodySchema, ...(bodyExamples.length === 0 ? {} : { examples: Object.fromEntries(bodyExamples.map(([key, example]) => [key, { summary: example.summary, value: example.body }])) }) };
  const responseHeaders: Json = {
    ...(facts.etag ? { ETag: { $ref: '#/components/headers/ETag' } } : {}),
    ...(facts.location ? { Location: { $ref: '#/components/headers/Location' } } : {}),
  };
  const success = Object.fromEntries(
    Object.entries(responsesOf(route.name as RouteName)).map(([status, response]) => [status, successOf(route, Number(status), response as SuccessResponse, responseHeaders, bodies)]),
  );
  return {
    operationId: route.name,
    summary: route.description,
    description: [
      `${route.description}.`,
      `**Regulation:** ${doc.regulation}.`,
      `**Roles:** ${rolesText(route)}.`,
      ...(route.bodyScope === undefined ? [] : [`A body-bound key (\`body\`, \`provider\`) reaches only its own body's \`${route.bodyScope}\`; another body's answers 404.`]),
      ...(route.method === 'POST' && route.access !== 'public' ? ['Send an `Idempotency-Key` to retry safely: the same key and request replay the first response.'] : []),
    ].join('\n\n'),
    tags: [tag],
    'x-roles': route.access === 'public' ? [] : [...route.access],
    'x-regulation': doc.regulation,
    security: route.access === 'public' ? [] : [{ apiKey: [] }],
    ...(pathParameters.length + headers.length === 0 && schemas.query === undefined
      ? {}
      : { parameters: [...pathParameters, ...parametersOf(schemas.query, 'query', doc.examples), ...headers] }),
    ...(schemas.body === undefined
      ? {}
      : {
          requestBody: {
            required: !schemas.body.safeParse(undefined).success,
            content: route.method === 'PATCH' ? { 'application/merge-patch+json': media, 'application/json': media } : { 'application/json': media },
          },
        }),
    responses: {
      ...success,
      ...Object.fromEntries(problemStatuses(facts, pathParameters.length > 0).map((status) => [String(status), problemRef(status)])),
    },
  };
}

/** The tag of a route: the first path segment after the version (`/v1/complaints/{id}` → `complaints`). */
const tagOf = (path: string): string => {
  const segments = path.split('/').filter((segment) => segment.length > 0);
  return (/^v\d+$/.test(segments[0] ?? '') ? segments[1] : segments[0]) ?? 'root';
};

/** Builds the document from what each route's handler carries. Pure: same facts, same bytes. */
export function buildOpenApiDocument(facts: readonly RouteFacts[], version: string): Json {
  const paths: Record<string, Record<string, Json>> = {};
  const bodies = responseBodies(facts.map((fact) => fact.route));
  for (const fact of facts) {
    const operations = (paths[fact.route.path] ??= {});
    operations[fact.route.method.toLowerCase()] = operationOf(fact, tagOf(fact.route.path), bodies);
  }
  const problemSchema = {
    type: 'object',
    description: 'RFC 9457 problem details (application/problem+json)',
    required: ['type', 'title', 'status'],
    properties: {
      type: { type: 'string', format: 'uri-reference', examples: ['/problems/validation'] },
      title: { type: 'string' },
      status: { type: 'integer', minimum: 400, maximum: 599 },
      detail: { type: 'string' },
      instance: { type: 'string', format: 'uri-reference' },
      requestId: { type: 'string', description: 'Quote it to the operators: the logs of the request carry it' },
      errors: { type: 'array', items: { $ref: '#/components/schemas/FieldError' } },
    },
    additionalProperties: true,
  };
  return {
    openapi: '3.1.1',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'UCC Interop API',
      version,
      summary: 'Interaction of the Unified Contact Center (1414) with state bodies and service providers',
      description:
        'The Rules of interaction (Decree No. 797 of 6 August 2013, §1–§21) as an API. Every operation names the § it serves and the roles that may call it. ' +
        'Errors are RFC 9457 problem+json naming the field; writes carry versions (ETag / If-Match) and POSTs take an Idempotency-Key. ' +
        'Generated from the zod schemas the handlers validate with (`npm run openapi`).',
      license: { name: 'UNLICENSED', identifier: 'LicenseRef-UNLICENSED' },
    },
    // Relative: whichever origin serves the document (the local stack, the API's domain) is the server.
    servers: [{ url: '/', description: 'The deployment that serves this document' }],
    tags: [...new Set(facts.map((fact) => tagOf(fact.route.path)))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API key issued to a client (POST /v1/clients), sent as `Authorization: Bearer <key>`; its role decides what it may call.',
        },
      },
      parameters: {
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description: 'One effect per key and client: a retry with the same key and body replays the first response; another body with it is 422.',
          schema: { type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN.source },
          example: '2f6c1e9a-5b7d-4c1e-9f0a-3d2b1c4e5f60',
        },
        IfMatch: {
          name: 'If-Match',
          in: 'header',
          required: false,
          description: 'The ETag of the version read: the write applies only to that version (412 otherwise). Without it the write applies to whatever is current.',
          schema: { type: 'string' },
          example: '"3"',
        },
      },
      headers: {
        ETag: { description: 'The version of the resource, for If-Match', schema: { type: 'string' }, example: '"3"' },
        Location: { description: 'The resource created or found', schema: { type: 'string', format: 'uri-reference' } },
        RetryAfter: { description: 'Seconds to wait before retrying', schema: { type: 'integer', minimum: 1 }, example: 1 },
      },
      schemas: {
        ...bodies.components,
        Problem: problemSchema,
        FieldError: {
          type: 'object',
          required: ['field', 'message'],
          properties: {
            field: { type: 'string', description: 'e.g. `body.items[0].bodyId`, `query.from`, `path.year`, `header.if-match`' },
            message: { type: 'string' },
          },
        },
      },
      responses: Object.fromEntries(
        Object.entries(PROBLEM_TITLES).map(([status, description]) => [
          `Problem${status}`,
          {
            description,
            ...(status === '503' ? { headers: { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } } } : {}),
            content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
          },
        ]),
      ),
    },
  };
}

/**
 * The handler module's source and the sibling helpers it calls into (`./acceptance-step.ts`),
 * where If-Match and ETag are handled. A sibling the handler only takes a schema from (a GET
 * importing `acceptanceIdParams`) is not its code: reading it would give the GET the step's
 * If-Match and ETag.
 */
function sourcesOf(entry: string): string {
  const file = resolve(REPO_ROOT, entry);
  const source = readFileSync(file, 'utf8');
  const siblings = [...source.matchAll(/import \{([^}]*)\} from '\.\/([\w-]+\.ts)'/g)]
    .filter(([, names]) => (names as string).split(',').some((name) => {
      const local = name.trim().split(/\s+as\s+/).at(-1)!.replace(/^type\s+/, '');
      return local !== '' && new RegExp(`\\b${local}\\(`).test(source);
    }))
    .map((match) => readFileSync(join(dirname(file), match[2] as string), 'utf8'));
  return [source, ...siblings].join('\n');
}

/** Imports every handler module of the route table (as the local stack does) and reads the schemas it carries. */
export async function routeFacts(routes: readonly RouteDefinition[] = ROUTES): Promise<RouteFacts[]> {
  return Promise.all(
    routes.map(async (route) => {
      const module = (await import(pathToFileURL(resolve(REPO_ROOT, route.entry)).href)) as { handler?: { routeSchemas?: RouteSchemas } };
      const schemas = module.handler?.routeSchemas;
      if (schemas === undefined) throw new Error(`${route.entry} exports no handler built by httpRoute (no routeSchemas)`);
      const source = sourcesOf(route.entry);
      return { route, schemas, ifMatch: source.includes('ifMatchVersion('), etag: /\betag:/.test(source), location: /\blocation:/.test(source) };
    }),
  );
}

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** The document as committed: 2-space JSON with a final newline. */
export async function openApiText(): Promise<string> {
  return `${JSON.stringify(buildOpenApiDocument(await routeFacts(), packageVersion()), null, 2)}\n`;
}
