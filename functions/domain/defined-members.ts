/** The object's type with its members' `undefined` taken out: optional ones stay optional, and absent. */
export type DefinedMembers<T> = { [K in keyof T]: Exclude<T[K], undefined> };

/**
 * The object without its undefined members. Inputs whose optional member means "not given" take
 * `undefined` (callers pass a parsed query straight); a store's query, a stored record or a
 * response omits what is not given (exactOptionalPropertyTypes).
 */
export function definedMembers<T extends object>(value: T): DefinedMembers<T> {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined)) as DefinedMembers<T>;
}
