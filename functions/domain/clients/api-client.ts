import { createHash, randomBytes } from 'node:crypto';
import * as z from 'zod';
import { text } from '../text.ts';
import { ROLES, type Role } from '#domain/access/roles.ts';
import { bodyIdSchema } from '../values.ts';

/**
 * API clients: the agencies' systems and the UCC's own tools. A key is 256 random bits shown
 * once; only its SHA-256 is stored (a fast hash suffices for keys of that entropy).
 */
export interface StoredKey {
  hash: string;
  createdAt: string;
  /** Set on rotation with a grace period: the old key works until then. */
  expiresAt?: string;
}

export interface ApiClient {
  id: string;
  name: string;
  role: Role;
  bodyId?: string;
  status: 'active' | 'revoked';
  keys: StoredKey[];
  version: number;
  createdAt: string;
  createdBy: string;
  revokedAt?: string;
  revokedBy?: string;
}

export const createClientSchema = z.strictObject({
  name: text(200),
  role: z.enum(ROLES),
  bodyId: bodyIdSchema.optional(),
});
export type CreateClientInput = z.output<typeof createClientSchema>;

export const rotateKeySchema = z.strictObject({
  /** How long the previous key keeps working, so an integrator can roll over (0 = revoke now). */
  graceHours: z.number().int().min(0).max(168).default(0),
});

export const newApiKey = (): string => `ucc_${randomBytes(32).toString('base64url')}`;
export const hashApiKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

export { isBodyBoundRole } from '#domain/access/roles.ts';

/** Whether `hash` is a working key of `client` at `now`. */
export function acceptsKey(client: ApiClient, hash: string, now: string): boolean {
  return client.status === 'active' && client.keys.some((key) => key.hash === hash && (key.expiresAt === undefined || key.expiresAt > now));
}

/** What the API shows of a client: never a hash, only a short fingerprint per key. */
export function publicClient(client: ApiClient) {
  const { keys, ...rest } = client;
  return {
    ...rest,
    keys: keys.map((key) => ({ fingerprint: key.hash.slice(0, 12), createdAt: key.createdAt, ...(key.expiresAt ? { expiresAt: key.expiresAt } : {}) })),
  };
}
