import { Agent, request } from 'node:http';

/**
 * A small keep-alive HTTP/1.1 client for the suites (node:http, one Agent per client), only
 * ever towards 127.0.0.1. Errors carry `reusedSocket`, so a caller can tell a keep-alive reset
 * (the server closed an idle socket just as the client reused it) from a real failure.
 */
export interface HttpResponseData {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface HttpClient {
  send(method: string, path: string, headers?: Record<string, string>, body?: string): Promise<HttpResponseData>;
  close(): void;
}

export function assertLoopback(endpoint: string): URL {
  const url = new URL(endpoint);
  if (url.hostname !== '127.0.0.1') throw new Error(`Refusing to load ${url.hostname}: the bench only targets 127.0.0.1`);
  return url;
}

export function httpClient(baseUrl: string, concurrency: number): HttpClient {
  const url = assertLoopback(baseUrl);
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
            ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(payload.length) }),
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', (error: NodeJS.ErrnoException & { reusedSocket?: boolean }) => {
        error.reusedSocket = req.reusedSocket;
        reject(error);
      });
      req.end(payload);
    });
  return { send, close: () => agent.destroy() };
}

/** ECONNRESET on a socket the agent reused: the server closed it while idle, the request never ran. */
export const isKeepAliveReset = (error: unknown): boolean => {
  const failure = error as { code?: string; reusedSocket?: boolean } | undefined;
  return failure?.code === 'ECONNRESET' && failure.reusedSocket === true;
};

/** How many warm-up requests were retried after a keep-alive reset (printed by suites that care). */
export const resetRetries = { count: 0 };

/**
 * For warm-ups: the operation once more after a keep-alive reset, instead of failing the run.
 * Timed phases do not use it: there a reset counts as an error.
 */
export function retryOnceOnReset(op: () => Promise<void>): () => Promise<void> {
  return async () => {
    try {
      await op();
    } catch (error) {
      if (!isKeepAliveReset(error)) throw error;
      resetRetries.count += 1;
      await op();
    }
  };
}

export const expectStatus = (label: string, response: HttpResponseData, status: number): HttpResponseData => {
  if (response.status !== status) throw new Error(`${label} answered ${response.status}: ${response.body.slice(0, 300)}`);
  return response;
};

export const jsonOf = <T>(response: HttpResponseData): T => JSON.parse(response.body) as T;
