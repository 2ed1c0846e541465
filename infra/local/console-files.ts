import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { RawResponse } from './api-gateway-event.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The console's response headers, the same CloudFront adds (infra/console-stack.ts): scripts,
 * styles and API calls from this origin only, never framed, no referrer (a case id in the hash
 * stays here).
 */
export const CONSOLE_SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/**
 * GET /console/…: a file of the built console (console/dist), index.html for the root. Paths
 * that leave the directory, and files that are not there, are a plain 404.
 */
export async function consoleFile(consoleDir: string, path: string): Promise<RawResponse> {
  const relative = decodeURIComponent(path.slice('/console/'.length)) || 'index.html';
  const file = normalize(join(consoleDir, relative));
  const notFound: RawResponse = { statusCode: 404, headers: { 'content-type': 'text/plain; charset=utf-8', ...CONSOLE_SECURITY_HEADERS }, body: Buffer.from('Not found') };
  if (!file.startsWith(consoleDir.endsWith(sep) ? consoleDir : consoleDir + sep)) return notFound;
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return notFound;
  }
  // Vite names built assets by content hash: they never change; index.html is checked each time.
  const immutable = relative.startsWith('assets/');
  return {
    statusCode: 200,
    headers: {
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...CONSOLE_SECURITY_HEADERS,
    },
    body,
  };
}
