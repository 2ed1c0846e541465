import { isDeepStrictEqual } from 'node:util';
import type { Principal } from '#domain/access/roles.ts';
import { definedMembers } from '../defined-members.ts';
import { InvalidInputError, NotFoundError, StaleVersionError, StateConflictError } from '../errors.ts';
import { domainEvent } from '../events.ts';
import type { Clock } from '../ports.ts';
import { canAccessBody, isBodyBound } from '#domain/access/body-access.ts';
import { bodyFieldsSchema, bodyNotFoundMessage, IMMUTABLE_BODY_FIELDS, type Body, type BodyKind, type CreateBodyInput } from './body.ts';
import type { BodyPage, BodyStore } from './body-port.ts';
import { applyMergePatch, depthOf, MAX_PATCH_DEPTH } from './merge-patch.ts';

interface Ports {
  bodies: BodyStore;
  clock: Clock;
}

const aggregateOf = (id: string) => ({ type: 'Body', id });

/** POST /v1/bodies (admin): registers a participant (§2); its BIN is its id. */
export async function createBody(input: CreateBodyInput, actor: Principal, ports: Ports): Promise<{ body: Body; created: boolean }> {
  const now = ports.clock.now().toISOString();
  const body: Body = { ...input, id: input.bin, version: 1, createdAt: now, updatedAt: now };
  const created = await ports.bodies.create(
    body,
    domainEvent('BodyRegistered', aggregateOf(body.id), actor.clientId, now, { after: body }),
  );
  if (created) return { body, created: true };
  const existing = await ports.bodies.get(body.id);
  if (existing === undefined) throw new StateConflictError(`A body with BIN ${input.bin} is being registered; retry`);
  const { version: _v, createdAt: _c, updatedAt: _u, ...existingFields } = existing;
  const { version: _v2, createdAt: _c2, updatedAt: _u2, ...newFields } = body;
  // A retry of the same registration is answered with the record; another one is a conflict.
  // Compared as values: a store returns attributes in no fixed order (DynamoDB does not keep it).
  if (isDeepStrictEqual(existingFields, newFields)) return { body: existing, created: false };
  throw new StateConflictError(`A body with BIN ${input.bin} is already registered`, { bodyId: existing.id });
}

export async function getBody(id: string, principal: Principal, ports: Pick<Ports, 'bodies'>): Promise<Body> {
  const body = canAccessBody(principal, id) ? await ports.bodies.get(id) : undefined;
  if (body === undefined) throw new NotFoundError(bodyNotFoundMessage(id));
  return body;
}

export async function listBodies(
  query: { kind?: BodyKind | undefined; limit: number; cursor?: string | undefined },
  principal: Principal,
  ports: Pick<Ports, 'bodies'>,
): Promise<BodyPage> {
  if (isBodyBound(principal)) {
    // A body-bound client's directory is its own body.
    const own = await ports.bodies.get(principal.bodyId);
    return { items: own !== undefined && (query.kind === undefined || own.kind === query.kind) ? [own] : [] };
  }
  return ports.bodies.list(definedMembers(query));
}

/** PATCH /v1/bodies/{id}: JSON Merge Patch of the mutable fields, optimistic on the version. */
export async function updateBody(
  command: { id: string; patch: unknown; ifMatch?: number | undefined },
  principal: Principal,
  ports: Ports,
): Promise<Body> {
  const current = await getBody(command.id, principal, ports);
  if (typeof command.patch !== 'object' || command.patch === null || Array.isArray(command.patch)) {
    throw new InvalidInputError([{ field: 'body', message: 'must be a JSON object (merge patch)' }]);
  }
  if (depthOf(command.patch) > MAX_PATCH_DEPTH) {
    throw new InvalidInputError([{ field: 'body', message: `must not nest deeper than ${MAX_PATCH_DEPTH} levels` }]);
  }
  const immutable = IMMUTABLE_BODY_FIELDS.filter((field) => field in (command.patch as object));
  if (immutable.length > 0) {
    throw new InvalidInputError(immutable.map((field) => ({ field: `body.${field}`, message: 'cannot be changed' })));
  }
  if (command.ifMatch !== undefined && command.ifMatch !== current.version) throw new StaleVersionError(current.version);
  const { id, kind, bin, version, createdAt, updatedAt: _updatedAt, ...fields } = current;
  const parsed = bodyFieldsSchema.safeParse(applyMergePatch(fields, command.patch));
  if (!parsed.success) {
    throw new InvalidInputError(
      parsed.error.issues.map((issue) => ({
        field: ['body', ...issue.path.map(String)].join('.'),
        message: issue.message,
      })),
    );
  }
  const now = ports.clock.now().toISOString();
  const next: Body = { ...parsed.data, id, kind, bin, version: version + 1, createdAt, updatedAt: now };
  return ports.bodies.update(
    next,
    version,
    domainEvent('BodyUpdated', aggregateOf(id), principal.clientId, now, { before: current, after: next }),
  );
}
