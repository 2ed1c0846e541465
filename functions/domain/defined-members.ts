/** The keys of T whose member may be written as undefined (`x: T | undefined`, `x?: T | undefined`). */
type MaybeUndefinedKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? K : never }[keyof T];

/**
 * The object's type with its members' `undefined` taken out: a member that may be undefined is
 * optional, and absent when it was; the others stay as they are.
 */
export type DefinedMembers<T> = {
  [K in keyof T as K extends MaybeUndefinedKeys<T> ? never : K]: T[K];
} & {
  [K in keyof T as K extends MaybeUndefinedKeys<T> ? K : never]?: Exclude<T[K], undefined>;
};

/**
 * The object without its undefined members, in the order they were written. Inputs whose
 * optional member means "not given" take `undefined` (callers pass a parsed query straight); a
 * store's query, a stored record or a response omits what is not given
 * (exactOptionalPropertyTypes): `...definedMembers({ cursor, period })` in place of a spread per
 * member that leaves it out when undefined.
 */
export function definedMembers<T extends object>(value: T): DefinedMembers<T> {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined)) as DefinedMembers<T>;
}
