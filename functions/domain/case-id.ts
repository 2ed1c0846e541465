import { createHash, randomUUID } from 'node:crypto';

/**
 * A case id that names its body: `<prefix>-<BIN>-<32 hex>`. With an Idempotency-Key the hex is
 * derived from the caller and the key, so a retried command finds the case it made; otherwise random.
 */
export function caseId(prefix: string, bodyId: string, clientId: string, idempotencyKey: string | undefined): string {
  const suffix =
    idempotencyKey === undefined
      ? randomUUID().replace(/-/g, '')
      : createHash('sha256').update(`${clientId}\n${idempotencyKey}`).digest('hex').slice(0, 32);
  return `${prefix}-${bodyId}-${suffix}`;
}
