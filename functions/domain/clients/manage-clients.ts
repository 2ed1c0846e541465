import { createHash, randomUUID } from 'node:crypto';
import type { Principal } from '#domain/access/roles.ts';
import type { BodyStore } from '../directory/body-port.ts';
import { InvalidInputError, NotFoundError, StateConflictError } from '../errors.ts';
import { domainEvent } from '../events.ts';
import type { Clock } from '../ports.ts';
import { hashApiKey, isBodyBoundRole, newApiKey, type ApiClient, type CreateClientInput } from './api-client.ts';
import type { ClientStore } from './client-port.ts';
import { definedMembers } from '../defined-members.ts';

interface Ports {
  clients: ClientStore;
  bodies: BodyStore;
  clock: Clock;
}

const aggregateOf = (id: string) => ({ type: 'ApiClient', id });

/** With an Idempotency-Key the id is derived from it, so a retried creation finds its client. */
const clientIdFor = (actor: Principal, idempotencyKey: string | undefined): string =>
  idempotencyKey === undefined
    ? `cl-${randomUUID()}`
    : `cl-${createHash('sha256').update(`${actor.clientId}\n${idempotencyKey}`).digest('hex').slice(0, 32)}`;

export interface CreatedClient {
  client: ApiClient;
  /** Present only when the key was made by this call: it is never stored or shown again. */
  key?: string;
}

/** POST /v1/clients (admin): body and provider clients must be bound to an existing body. */
export async function createClient(
  input: CreateClientInput,
  actor: Principal,
  ports: Ports,
  idempotencyKey?: string,
): Promise<CreatedClient> {
  if (isBodyBoundRole(input.role) && input.bodyId === undefined) {
    throw new InvalidInputError([{ field: 'body.bodyId', message: `is required for role ${input.role}` }]);
  }
  if (!isBodyBoundRole(input.role) && input.bodyId !== undefined) {
    throw new InvalidInputError([{ field: 'body.bodyId', message: `must not be set for role ${input.role}` }]);
  }
  if (input.bodyId !== undefined && (await ports.bodies.get(input.bodyId)) === undefined) {
    throw new InvalidInputError([{ field: 'body.bodyId', message: 'no body with this id' }]);
  }
  const now = ports.clock.now().toISOString();
  const key = newApiKey();
  const client: ApiClient = {
    id: clientIdFor(actor, idempotencyKey),
    name: input.name,
    role: input.role,
    ...definedMembers({ bodyId: input.bodyId }),
    status: 'active',
    keys: [{ hash: hashApiKey(key), createdAt: now }],
    version: 1,
    createdAt: now,
    createdBy: actor.clientId,
  };
  const { keys: _keys, ...withoutKeys } = client;
  const created = await ports.clients.create(
    client,
    domainEvent('ApiClientCreated', aggregateOf(client.id), actor.clientId, now, { after: withoutKeys }),
  );
  if (created) return { client, key };
  // Only a retry after a crash gets here (replays are answered from the idempotency record).
  const existing = await ports.clients.get(client.id);
  if (existing === undefined) throw new StateConflictError('The client is being created; retry');
  return { client: existing };
}

async function load(id: string, ports: Pick<Ports, 'clients'>): Promise<ApiClient> {
  const client = await ports.clients.get(id);
  if (client === undefined) throw new NotFoundError(`No API client with id ${id}`);
  return client;
}

export const getClient = load;

/** DELETE /v1/clients/{id} (admin): every key of the client stops working. Idempotent. */
export async function revokeClient(id: string, actor: Principal, ports: Ports): Promise<ApiClient> {
  const client = await load(id, ports);
  if (client.status === 'revoked') return client;
  const now = ports.clock.now().toISOString();
  const next: ApiClient = { ...client, status: 'revoked', revokedAt: now, revokedBy: actor.clientId, version: client.version + 1 };
  return ports.clients.update(
    next,
    client.version,
    domainEvent('ApiClientRevoked', aggregateOf(id), actor.clientId, now, { keys: client.keys.length }),
  );
}

/** POST /v1/clients/{id}/keys (admin): a new key; the old ones end now or after the grace period. */
export async function rotateClientKey(
  command: { id: string; graceHours: number },
  actor: Principal,
  ports: Ports,
): Promise<{ client: ApiClient; key: string }> {
  const client = await load(command.id, ports);
  if (client.status === 'revoked') throw new StateConflictError('The client is revoked; create a new one', { clientStatus: 'revoked' });
  const now = ports.clock.now();
  const nowIso = now.toISOString();
  const graceEnd = new Date(now.getTime() + command.graceHours * 3_600_000).toISOString();
  const key = newApiKey();
  const previous = command.graceHours === 0 ? [] : client.keys
    .filter((stored) => stored.expiresAt === undefined || stored.expiresAt > nowIso)
    .map((stored) => ({ ...stored, expiresAt: stored.expiresAt !== undefined && stored.expiresAt < graceEnd ? stored.expiresAt : graceEnd }));
  const next: ApiClient = { ...client, keys: [{ hash: hashApiKey(key), createdAt: nowIso }, ...previous], version: client.version + 1 };
  const updated = await ports.clients.update(
    next,
    client.version,
    domainEvent('ApiClientKeyRotated', aggregateOf(client.id), actor.clientId, nowIso, { graceHours: command.graceHours }),
  );
  return { client: updated, key };
}
