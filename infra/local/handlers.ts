import { fileURLToPath, pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

/** The repository root, from which route and schedule `entry` paths are resolved. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyHandler = (event: any, context: any) => Promise<any>;

const loaded = new Map<string, Promise<AnyHandler>>();

/** Imports a handler module once (like a warm Lambda) and returns its `handler` export. */
export function loadHandler(entry: string): Promise<AnyHandler> {
  let pending = loaded.get(entry);
  if (pending === undefined) {
    pending = import(pathToFileURL(resolve(REPO_ROOT, entry)).href).then((module: { handler?: unknown }) => {
      if (typeof module.handler !== 'function') throw new Error(`${entry} does not export a handler`);
      return module.handler as AnyHandler;
    });
    loaded.set(entry, pending);
  }
  return pending;
}
