import type { IncomingHttpHeaders } from 'node:http';
import type {
  APIGatewayProxyEventV2WithLambdaAuthorizer,
  APIGatewayProxyResultV2,
  APIGatewayRequestAuthorizerEventV2,
} from 'aws-lambda';
import type { AuthorizerContext } from '#http/middleware/http-route.ts';

/**
 * Turns a raw HTTP request into an API Gateway HTTP API (payload 2.0) event and a handler's
 * result back into a response, as API Gateway does, so the local server runs the deployed
 * handlers unchanged.
 */
export interface RawRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  sourceIp: string;
  host: string;
}

export interface EventOptions {
  routeKey: string;
  pathParameters?: Record<string, string>;
  requestId: string;
  now: Date;
  authorizer?: AuthorizerContext;
}

const TEXT_TYPES = /^(text\/|application\/(json|[a-z0-9.+-]+\+json|xml|[a-z0-9.+-]+\+xml|x-www-form-urlencoded|javascript))/i;

/** Lower-case names; repeated headers joined with commas (cookies are kept apart, as in v2). */
export function normalizeHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || name.toLowerCase() === 'cookie') continue;
    result[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  return result;
}

export function parseCookies(headers: IncomingHttpHeaders): string[] | undefined {
  const raw = headers.cookie;
  if (raw === undefined) return undefined;
  const cookies = raw
    .split(';')
    .map((cookie) => cookie.trim())
    .filter((cookie) => cookie.length > 0);
  return cookies.length > 0 ? cookies : undefined;
}

/** Repeated query parameters are joined with commas, as API Gateway v2 does. */
export function parseQuery(rawQueryString: string): Record<string, string> | undefined {
  if (rawQueryString === '') return undefined;
  const result: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    result[name] = result[name] === undefined ? value : `${result[name]},${value}`;
  }
  return result;
}

const formatRequestTime = (now: Date): string => {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(now.getUTCDate())}/${months[now.getUTCMonth()]}/${now.getUTCFullYear()}:${pad(now.getUTCHours())}:${pad(now.getUTCMinutes())}:${pad(now.getUTCSeconds())} +0000`;
};

function splitUrl(url: string): { rawPath: string; rawQueryString: string } {
  const index = url.indexOf('?');
  return index === -1
    ? { rawPath: url, rawQueryString: '' }
    : { rawPath: url.slice(0, index), rawQueryString: url.slice(index + 1) };
}

const requestContextOf = (request: RawRequest, options: EventOptions, rawPath: string) => {
  const headers = normalizeHeaders(request.headers);
  return {
    accountId: '000000000000',
    apiId: 'local',
    domainName: request.host,
    domainPrefix: request.host.split('.')[0] ?? request.host,
    http: {
      method: request.method.toUpperCase(),
      path: rawPath,
      protocol: 'HTTP/1.1',
      sourceIp: request.sourceIp,
      userAgent: headers['user-agent'] ?? '',
    },
    requestId: options.requestId,
    routeKey: options.routeKey,
    stage: '$default',
    time: formatRequestTime(options.now),
    timeEpoch: options.now.getTime(),
  };
};

export function toApiGatewayEvent(
  request: RawRequest,
  options: EventOptions,
): APIGatewayProxyEventV2WithLambdaAuthorizer<AuthorizerContext> {
  const { rawPath, rawQueryString } = splitUrl(request.url);
  const headers = normalizeHeaders(request.headers);
  const cookies = parseCookies(request.headers);
  const queryStringParameters = parseQuery(rawQueryString);
  const hasBody = request.body.length > 0;
  const isText = TEXT_TYPES.test(headers['content-type'] ?? '');
  return {
    version: '2.0',
    routeKey: options.routeKey,
    rawPath,
    rawQueryString,
    ...(cookies === undefined ? {} : { cookies }),
    headers,
    ...(queryStringParameters === undefined ? {} : { queryStringParameters }),
    ...(options.pathParameters && Object.keys(options.pathParameters).length > 0
      ? { pathParameters: options.pathParameters }
      : {}),
    requestContext: {
      ...requestContextOf(request, options, rawPath),
      authorizer: { lambda: options.authorizer ?? {}, integrationLatency: 0, principalId: '' },
    } as APIGatewayProxyEventV2WithLambdaAuthorizer<AuthorizerContext>['requestContext'],
    ...(hasBody
      ? { body: isText ? request.body.toString('utf8') : request.body.toString('base64'), isBase64Encoded: !isText }
      : { isBase64Encoded: false }),
  };
}

export function toAuthorizerEvent(request: RawRequest, options: EventOptions): APIGatewayRequestAuthorizerEventV2 {
  const { rawPath, rawQueryString } = splitUrl(request.url);
  const headers = normalizeHeaders(request.headers);
  const cookies = parseCookies(request.headers);
  const queryStringParameters = parseQuery(rawQueryString);
  return {
    version: '2.0',
    type: 'REQUEST',
    routeArn: `arn:aws:execute-api:local:000000000000:local/$default/${options.routeKey.replace(' ', '')}`,
    identitySource: headers.authorization === undefined ? [] : [headers.authorization],
    routeKey: options.routeKey,
    rawPath,
    rawQueryString,
    cookies: cookies ?? [],
    headers,
    queryStringParameters: queryStringParameters ?? {},
    requestContext: requestContextOf(request, options, rawPath),
    pathParameters: options.pathParameters ?? {},
    stageVariables: {},
  } as APIGatewayRequestAuthorizerEventV2;
}

export interface RawResponse {
  statusCode: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

/** API Gateway's rules for payload 2.0 results, including the "bare value is 200 JSON" case. */
export function fromHandlerResult(result: APIGatewayProxyResultV2 | undefined): RawResponse {
  if (result === undefined || result === null) return { statusCode: 200, headers: {}, body: Buffer.alloc(0) };
  if (typeof result === 'string' || typeof result !== 'object' || !('statusCode' in result)) {
    return {
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: Buffer.from(typeof result === 'string' ? result : JSON.stringify(result)),
    };
  }
  const headers: Record<string, string | string[]> = {};
  // The Lambda result travels as JSON, so headers whose value is undefined vanish.
  for (const [name, value] of Object.entries(result.headers ?? {})) {
    if (value !== undefined && value !== null) headers[name.toLowerCase()] = String(value);
  }
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  const body =
    result.body === undefined
      ? Buffer.alloc(0)
      : result.isBase64Encoded
        ? Buffer.from(result.body, 'base64')
        : Buffer.from(result.body, 'utf8');
  return { statusCode: result.statusCode ?? 200, headers, body };
}
