import { findPrincipalByKey } from './api-keys.ts';
import { systemClock } from './clock.ts';

/**
 * The authorizer's ports, apart from composition.ts: it reads a key's client and nothing of
 * the write path, so its bundle stays small.
 */
export const authorizerPorts = { findPrincipalByKey, clock: systemClock };
