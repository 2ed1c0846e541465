import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { ROUTE_RESPONSES, type SuccessResponse, type SuccessStatus } from '#http/response-schemas.ts';
import { RouteMatcher } from '#http/route-matcher.ts';
import { OPENAPI_DOCUMENT, ROUTES, type RouteDefinition, type RouteName } from '#http/routes.ts';

/**
 * The response contract every integration test holds the API to: each answer of a route of the
 * table is checked against what the OpenAPI document declares for it (functions/http/response-schemas.ts,
 * the very schemas the document is generated from). A success must be a status the operation
 * declares, with a body its schema accepts (or a file of a declared type); an error must be RFC 9457
 * problem+json. A mismatch throws, so the test that met it fails, naming route, status and issues.
 */
export class ResponseContractError extends Error {
  override readonly name = 'ResponseContractError';
}

const matcher = new RouteMatcher(ROUTES);

/** The committed document's error statuses per operation ("METHOD /path" → statuses). */
let errorStatuses: Map<string, Set<string>> | undefined;
const declaredErrors = (route: RouteDefinition): Set<string> => {
  errorStatuses ??= new Map(
    Object.entries((JSON.parse(readFileSync(new URL(`../../${OPENAPI_DOCUMENT.from}`, import.meta.url), 'utf8')) as { paths: Record<string, Record<string, { responses: object }>> }).paths).flatMap(
      ([path, item]) => Object.entries(item).map(([method, operation]) => [`${method.toUpperCase()} ${path}`, new Set(Object.keys(operation.responses).filter((status) => /^[45]/.test(status)))] as const),
    ),
  );
  return errorStatuses.get(`${route.method} ${route.path}`) ?? new Set();
};

/** RFC 9457, as problem.ts writes it: open to extension members, but these are always there. */
const problemSchema = (status: number) =>
  z.looseObject({
    type: z.string().min(1),
    title: z.string().min(1),
    status: z.literal(status),
    detail: z.string().optional(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(z.strictObject({ field: z.string(), message: z.string() })).optional(),
  });

const mediaTypeOf = (contentType: string | null): string => (contentType ?? '').split(';')[0]!.trim().toLowerCase();

const issuesText = (error: z.ZodError): string =>
  error.issues
    .slice(0, 10)
    .map((issue) => `  ${issue.path.length === 0 ? '(body)' : issue.path.join('.')}: ${issue.message}${issue.code === 'unrecognized_keys' ? ` (${issue.keys.join(', ')})` : ''}`)
    .join('\n');

export interface ObservedResponse {
  readonly method: string;
  /** The request's path, with or without its query. */
  readonly path: string;
  readonly status: number;
  readonly contentType: string | null;
  /** The parsed JSON for a JSON response, the text otherwise. */
  readonly body: unknown;
}

/** The route of the table a request went to, or none (a path of the local stack's own, /local/…). */
export function routeOf(method: string, path: string): RouteDefinition | undefined {
  return matcher.match(method, path.split('?')[0]!)?.route;
}

/** Whether the path is the API's (the route table's paths): other paths are the local stack's own. */
const isApiPath = (path: string): boolean => /^\/(v1|docs)(\/|$)/.test(path);

/** Throws ResponseContractError when the response is not what the document declares for its operation. */
export function checkResponse(observed: ObservedResponse): void {
  const path = observed.path.split('?')[0]!;
  if (!isApiPath(path)) return;
  const route = routeOf(observed.method, path);
  const where = `${observed.method} ${path} → ${observed.status}${route === undefined ? '' : ` (${route.name})`}`;
  const fail = (message: string): never => {
    throw new ResponseContractError(`Response contract (functions/http/response-schemas.ts): ${where}: ${message}`);
  };
  if (observed.status >= 400 || route === undefined) {
    // No route for it: 404 or 405 (method-not-allowed.ts), problem+json like every error.
    if (observed.status < 400) fail('answered a success for a path and method no route takes');
    if (mediaTypeOf(observed.contentType) !== 'application/problem+json') fail(`an error must be application/problem+json, was ${observed.contentType}`);
    const problem = problemSchema(observed.status).safeParse(observed.body);
    if (!problem.success) fail(`not an RFC 9457 problem:\n${issuesText(problem.error)}`);
    const errors = route === undefined ? undefined : declaredErrors(route);
    if (errors !== undefined && !errors.has(String(observed.status))) fail(`error status not in the document (declared: ${[...errors].join(', ')})`);
    return;
  }
  const declared = (ROUTE_RESPONSES[route.name as RouteName] as Readonly<Partial<Record<number, SuccessResponse>>>)[observed.status];
  if (declared === undefined) {
    fail(`status not declared (declared: ${Object.keys(ROUTE_RESPONSES[route.name as RouteName]).join(', ')})`);
    return;
  }
  const mediaType = mediaTypeOf(observed.contentType);
  if (declared.json !== undefined) {
    if (mediaType !== 'application/json') fail(`declared application/json, was ${observed.contentType}`);
    const parsed = declared.json.safeParse(observed.body);
    if (!parsed.success) fail(`the body does not match the declared schema:\n${issuesText(parsed.error)}`);
  } else if (declared.file !== undefined) {
    if (!declared.file.contentTypes.includes(mediaType)) fail(`declared ${declared.file.contentTypes.join(' | ')}, was ${observed.contentType}`);
  } else if (observed.body !== '' && observed.body !== undefined) {
    fail('declared without a body, but one came');
  }
}

/** The statuses an operation declares for success (for tests that check the declaration itself). */
export const declaredStatuses = (name: RouteName): SuccessStatus[] => Object.keys(ROUTE_RESPONSES[name]).map(Number) as SuccessStatus[];
