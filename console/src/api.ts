/**
 * The API client. The key lives in this module's memory only: never in a URL, a cookie or web
 * storage, so a reload or a closed tab signs the operator out.
 */
let apiKey: string | undefined;
export const API_BASE = '';

export type Role = 'ucc_operator' | 'ucc_admin';

export interface Problem {
  status: number;
  title: string;
  detail?: string;
  errors?: { field: string; message: string }[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
}

export const signedIn = (): boolean => apiKey !== undefined;
export const signOut = (): void => {
  apiKey = undefined;
};

async function problemOf(response: Response): Promise<Problem> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as Partial<Problem>;
    return { status: response.status, title: body.title ?? response.statusText, ...(body.detail ? { detail: body.detail } : {}), ...(body.errors ? { errors: body.errors } : {}) };
  } catch {
    return { status: response.status, title: response.statusText || String(response.status) };
  }
}

async function call(method: string, path: string, options: { body?: unknown; headers?: Record<string, string>; key?: string } = {}): Promise<Response> {
  const key = options.key ?? apiKey;
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (key !== undefined) headers.authorization = `Bearer ${key}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${API_BASE}${path}`, { method, headers, ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }) });
}

export async function getJson<T = any>(path: string): Promise<T> {
  const response = await call('GET', path);
  if (!response.ok) throw new ApiError(await problemOf(response));
  return (await response.json()) as T;
}

/**
 * Every item of a list, page after page (the API gives at most 100 a page): its cursor followed
 * up to `maxItems`, `more` when the list goes on past them, so that a count shown is never a
 * page's count taken for the whole.
 */
export async function getAll<T = any>(path: string, maxItems = 2_000): Promise<{ items: T[]; more: boolean }> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await getJson<{ items: T[]; nextCursor?: string }>(`${path}${path.includes('?') ? '&' : '?'}limit=100${cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`}`);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined && items.length < maxItems);
  return { items, more: cursor !== undefined };
}

/** A count, with `+` when the list goes on past what was read. */
export const countOf = (list: { items: unknown[]; more: boolean }): string => `${list.items.length}${list.more ? '+' : ''}`;

/** A command: a fresh Idempotency-Key per form (a retried click replays), If-Match against lost updates. */
export async function postJson<T = any>(path: string, body: unknown, options: { idempotencyKey: string; version?: number }): Promise<T> {
  const headers: Record<string, string> = { 'idempotency-key': options.idempotencyKey };
  if (options.version !== undefined) headers['if-match'] = `"${options.version}"`;
  const response = await call('POST', path, { body, headers });
  if (!response.ok) throw new ApiError(await problemOf(response));
  return (await response.json()) as T;
}

/**
 * Signs in: a UCC-only read tells a UCC key (a missing recount answers 404, still authorized)
 * from another role's (403) or a bad key (401); the clients list is the admin's alone.
 */
export async function signIn(key: string): Promise<Role | 'bad-key' | 'wrong-role'> {
  const year = new Date().getUTCFullYear();
  const probe = await call('GET', `/v1/calendars/KZ/${year}/recalculation`, { key });
  if (probe.status === 401) return 'bad-key';
  if (probe.status === 403) return 'wrong-role';
  if (probe.status >= 500) throw new ApiError(await problemOf(probe));
  const admin = await call('GET', '/v1/clients?limit=1', { key });
  apiKey = key;
  return admin.ok ? 'ucc_admin' : 'ucc_operator';
}

/** Downloads a file with the key in the header (a plain link would need the key in the URL). */
export async function download(path: string, fallbackName: string): Promise<string> {
  const response = await call('GET', path, { headers: { accept: '*/*' } });
  if (!response.ok) throw new ApiError(await problemOf(response));
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1] ?? /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  const fileName = name === undefined ? fallbackName : decodeURIComponent(name);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return fileName;
}
