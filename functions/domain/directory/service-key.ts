import { createHash } from 'node:crypto';

/** A service's key (32 hex): the same one ends an acceptance id, so a step finds the service's assignment. */
export const serviceKey = (serviceCode: string): string =>
  createHash('sha256').update(`service\n${serviceCode}`).digest('hex').slice(0, 32);
