import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { FieldError } from '#domain/field-errors.ts';
import { definedMembers } from '#domain/defined-members.ts';

/**
 * RFC 9457 problem details. Every error a client sees is one of these, as
 * application/problem+json; a 5xx carries only a request id, never internals.
 */
export type { FieldError };

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: FieldError[] | undefined;
  readonly extensions: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(options: {
    status: number;
    type: string;
    title: string;
    detail?: string;
    errors?: FieldError[] | undefined;
    extensions?: Record<string, unknown> | undefined;
    headers?: Record<string, string>;
  }) {
    super(options.detail ?? options.title);
    this.status = options.status;
    this.type = options.type;
    this.title = options.title;
    this.detail = options.detail;
    this.errors = options.errors;
    this.extensions = options.extensions ?? {};
    this.headers = options.headers ?? {};
  }

  toDocument(instance?: string): ProblemDocument {
    return {
      type: this.type,
      title: this.title,
      ...definedMembers({ detail: this.detail, instance, errors: this.errors }),
      ...this.extensions,
      // RFC 9457: `status` is the HTTP status; no extension may overwrite it.
      status: this.status,
    };
  }
}

const typeUri = (slug: string): string => `/problems/${slug}`;

export const problems = {
  validation: (errors: FieldError[], detail?: string) =>
    new HttpProblem({
      status: 400,
      type: typeUri('validation'),
      title: 'The request is not valid',
      detail: detail ?? errors.map((error) => `${error.field}: ${error.message}`).join('; '),
      errors,
    }),
  malformedJson: (detail: string) =>
    new HttpProblem({
      status: 400,
      type: typeUri('malformed-json'),
      title: 'The request body is not valid JSON',
      detail,
      errors: [{ field: 'body', message: detail }],
    }),
  unauthorized: (detail = 'A valid API key is required: send Authorization: Bearer <key>') =>
    new HttpProblem({
      status: 401,
      type: typeUri('unauthorized'),
      title: 'Not authenticated',
      detail,
      headers: { 'www-authenticate': 'Bearer' },
    }),
  forbidden: (detail = 'This API client may not use this route') =>
    new HttpProblem({ status: 403, type: typeUri('forbidden'), title: 'Not allowed', detail }),
  notFound: (detail = 'No such resource') =>
    new HttpProblem({ status: 404, type: typeUri('not-found'), title: 'Not found', detail }),
  methodNotAllowed: (method: string, path: string, allowed: readonly string[]) =>
    new HttpProblem({
      status: 405,
      type: typeUri('method-not-allowed'),
      title: 'Method not allowed',
      detail: `${path} answers ${allowed.join(', ')}, not ${method}`,
      extensions: { allowedMethods: allowed },
      headers: { allow: allowed.join(', ') },
    }),
  conflict: (detail: string, extensions?: Record<string, unknown>) =>
    new HttpProblem({
      status: 409,
      type: typeUri('conflict'),
      title: 'The request conflicts with the current state',
      detail,
      extensions,
    }),
  preconditionFailed: (detail: string, extensions?: Record<string, unknown>) =>
    new HttpProblem({
      status: 412,
      type: typeUri('precondition-failed'),
      title: 'The resource has changed',
      detail,
      extensions,
    }),
  payloadTooLarge: (limitBytes: number) =>
    new HttpProblem({
      status: 413,
      type: typeUri('payload-too-large'),
      title: 'The request body is too large',
      detail: `The body must be at most ${limitBytes} bytes`,
      errors: [{ field: 'body', message: `larger than ${limitBytes} bytes` }],
    }),
  unsupportedMediaType: (received: string | undefined) =>
    new HttpProblem({
      status: 415,
      type: typeUri('unsupported-media-type'),
      title: 'Unsupported content type',
      detail: `Send the body as application/json${received ? `, not ${received}` : ''}`,
      errors: [{ field: 'header.content-type', message: 'must be application/json' }],
    }),
  unprocessable: (detail: string, errors?: FieldError[], extensions?: Record<string, unknown>) =>
    new HttpProblem({
      status: 422,
      type: typeUri('unprocessable'),
      title: 'The request cannot be processed',
      detail,
      errors,
      extensions,
    }),
  unavailable: (detail = 'A dependency is unavailable; try again later', retryAfterSeconds?: number) =>
    new HttpProblem({
      status: 503,
      type: typeUri('unavailable'),
      title: 'Service unavailable',
      detail,
      ...(retryAfterSeconds === undefined ? {} : { headers: { 'retry-after': String(retryAfterSeconds) } }),
    }),
  internal: () =>
    new HttpProblem({
      status: 500,
      type: typeUri('internal'),
      title: 'Internal error',
      detail: 'The request failed on the server. Quote the request id when reporting it.',
    }),
};

/** A problem as the response API Gateway sends (HTTP API payload 2.0), with the request id. */
export const problemResponse = (problem: HttpProblem, requestId: string, instance?: string): APIGatewayProxyStructuredResultV2 => ({
  statusCode: problem.status,
  headers: { 'content-type': PROBLEM_CONTENT_TYPE, 'cache-control': 'no-store', ...problem.headers },
  body: JSON.stringify({ ...problem.toDocument(instance), requestId }),
});
