import fc from 'fast-check';
import * as z from 'zod';

/**
 * Requests generated from a route's zod schemas (issue 17 §4): a value shaped like the schema
 * (through its JSON Schema), then bent one way — a wrong type, a missing or extra member, a huge
 * string, a lone surrogate, a NUL, deep nesting — or the whole body replaced by invalid JSON,
 * another content type, or more bytes than the limit; path and query parameters likewise.
 */
type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  additionalProperties?: boolean | JsonSchema;
};

export const jsonSchemaOf = (schema: z.ZodType): JsonSchema =>
  z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as JsonSchema;

/** Made-up addresses only: a generated value must never look like someone's contact if logged. */
const EMAILS = ['tester@example.org', 'no-reply@example.kz'];

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  const max = Math.min(schema.maxLength ?? 40, 40);
  const min = Math.min(schema.minLength ?? 0, max);
  if (schema.format === 'email') return fc.constantFrom(...EMAILS);
  if (schema.format === 'date') return fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  if (schema.format === 'date-time') return fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString());
  if (schema.pattern !== undefined) {
    try {
      return fc.stringMatching(new RegExp(schema.pattern)).filter((text) => text.length <= (schema.maxLength ?? 200) && text.length >= (schema.minLength ?? 0));
    } catch {
      // a pattern JavaScript cannot compile: fall through to plain text
    }
  }
  return fc.string({ minLength: min, maxLength: Math.max(min, max) });
}

/** A value shaped like the schema (often valid, never guaranteed: refinements are not in JSON Schema). */
export function shapedLike(schema: JsonSchema, root: JsonSchema = schema, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 6) return fc.constant(null);
  if (schema.$ref !== undefined) {
    const name = schema.$ref.replace(/^#\/\$defs\//, '');
    const target = schema.$ref === '#' ? root : root.$defs?.[name];
    return target === undefined ? fc.constant(null) : shapedLike(target, root, depth + 1);
  }
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum !== undefined) return fc.constantFrom(...schema.enum);
  const options = schema.anyOf ?? schema.oneOf;
  if (options !== undefined && options.length > 0) return fc.oneof(...options.map((option) => shapedLike(option, root, depth + 1)));
  if (schema.allOf !== undefined && schema.allOf.length > 0) return shapedLike(schema.allOf[0]!, root, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return fc.integer({ min: Math.ceil(schema.minimum ?? schema.exclusiveMinimum ?? -1000), max: Math.floor(schema.maximum ?? schema.exclusiveMaximum ?? 100_000) });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 100_000, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      if (schema.prefixItems !== undefined) return fc.tuple(...schema.prefixItems.map((item) => shapedLike(item, root, depth + 1)));
      const item = schema.items === undefined ? fc.jsonValue({ maxDepth: 1 }) : shapedLike(schema.items, root, depth + 1);
      const min = schema.minItems ?? 0;
      return fc.array(item, { minLength: min, maxLength: Math.max(min, Math.min(schema.maxItems ?? 3, 3)) });
    }
    case 'object': {
      const properties = schema.properties ?? {};
      const shaped: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, property] of Object.entries(properties)) shaped[name] = shapedLike(property, root, depth + 1);
      return fc.record(shaped, { requiredKeys: (schema.required ?? []).filter((name) => name in properties) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

export interface GeneratedRequest {
  kind: string;
  /** The raw body text, if any. */
  body?: string;
  contentType?: string;
  /** Path parameter values, already URL-encoded (or deliberately not). */
  params: Record<string, string>;
  /** The query string without `?`. */
  query: string;
}

const wrongValue = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.string({ maxLength: 10 }),
  fc.dictionary(fc.constantFrom('x', 'y'), fc.integer(), { maxKeys: 2 }),
  fc.double(),
);

const oddText = fc.oneof(
  fc.integer({ min: 10_000, max: 300_000 }).map((length) => 'a'.repeat(length)),
  fc.constant('lone \uD800 surrogate'),
  fc.constant('trailing surrogate \uDC00'),
  fc.constant('nul \u0000 inside'),
  fc.constant('control \u0007\u001b chars'),
  fc.constant('\u202Eright-to-left override'),
  fc.constant(''),
  fc.constant(' '),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

const deeplyNested = fc.integer({ min: 50, max: 5000 }).map((depth) => {
  let value: unknown = 1;
  for (let level = 0; level < depth; level += 1) value = level % 2 === 0 ? [value] : { a: value };
  return value;
});

/** Sets `value` at a random member path of an object (top level or one below). */
const bendMember = (shape: unknown, value: fc.Arbitrary<unknown>, remove = false): fc.Arbitrary<unknown> => {
  if (typeof shape !== 'object' || shape === null || Array.isArray(shape)) return value;
  const keys = Object.keys(shape);
  if (keys.length === 0) return value.map((bent) => ({ bent }));
  return fc.tuple(fc.constantFrom(...keys), value).map(([key, bent]) => {
    const copy: Record<string, unknown> = { ...(shape as Record<string, unknown>) };
    if (remove) delete copy[key];
    else copy[key] = bent;
    return copy;
  });
};

const json = (value: unknown): string => {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch {
    return '[]'; // too deep for JSON.stringify: a plainly wrong body instead
  }
};

/** The body of a bad request for a route with body schema `schema` (undefined: the route takes none). */
export function badBody(schema: JsonSchema | undefined, maxBodyBytes: number): fc.Arbitrary<{ kind: string; body?: string; contentType?: string }> {
  const shape = schema === undefined ? fc.constant({}) : shapedLike(schema);
  const asJson = (kind: string, value: fc.Arbitrary<unknown>) => value.map((bent) => ({ kind, body: json(bent), contentType: 'application/json' }));
  return fc.oneof(
    asJson('shaped', shape),
    asJson('wrong-type', shape.chain((value) => bendMember(value, wrongValue))),
    asJson('missing-member', shape.chain((value) => bendMember(value, fc.constant(undefined), true))),
    asJson('extra-member', shape.map((value) => (typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...value, extraMember: 1 } : { value, extraMember: 1 }))),
    asJson('odd-text', shape.chain((value) => bendMember(value, oddText))),
    asJson('deep-nesting', shape.chain((value) => bendMember(value, deeplyNested))),
    asJson('whole-body-wrong-type', wrongValue),
    fc.oneof(
      fc.constant('{'),
      fc.constant('{"a":1,}'),
      fc.constant("{'a':1}"),
      fc.constant('[1,2'),
      fc.constant('nul\u0000'),
      fc.constant('\uFEFF{}'),
      fc.integer({ min: 1000, max: 20_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
      fc.string({ maxLength: 20 }).filter((text) => {
        try {
          JSON.parse(text);
          return false;
        } catch {
          return true;
        }
      }),
    ).map((body) => ({ kind: 'invalid-json', body, contentType: 'application/json' })),
    fc
      .tuple(shape, fc.constantFrom('text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/jsonx', ''))
      .map(([value, contentType]) => ({ kind: 'wrong-content-type', body: json(value), contentType })),
    fc.constant({ kind: 'oversized', body: JSON.stringify({ padding: 'x'.repeat(maxBodyBytes + 16) }), contentType: 'application/json' }),
    fc.constant({ kind: 'no-body' }),
  );
}

/** encodeURIComponent, except that a lone surrogate goes out as the bytes of one (invalid UTF-8). */
const encode = (text: string): string => {
  try {
    return encodeURIComponent(text);
  } catch {
    return encodeURIComponent((text as string & { toWellFormed(): string }).toWellFormed()).replaceAll('%EF%BF%BD', '%ED%A0%80');
  }
};

const oddSegment = fc.constantFrom(
  '%2e%2e',
  '..%2f..',
  '%00',
  '%ZZ',
  '%C0%AF',
  '%ED%A0%80',
  'a'.repeat(3000),
  '%F0%9F%92%A9',
  "x'%20OR%201=1",
  '%7B%7D',
  '-1',
  '0',
  '1e309',
  'IDEMPOTENCY%23x',
  '%20',
);

/** Path parameters: shaped like their schema, or odd. `fixed` pins a parameter (the body-scoped one). */
export function pathParams(schema: JsonSchema | undefined, names: readonly string[], fixed: Record<string, string>): fc.Arbitrary<Record<string, string>> {
  const entries: Record<string, fc.Arbitrary<string>> = {};
  for (const name of names) {
    const property = schema?.properties?.[name];
    const shaped = property === undefined ? fc.string({ minLength: 1, maxLength: 12 }) : shapedLike(property).map((value) => String(value));
    const plausible = fixed[name] === undefined ? shaped.map((value) => encode(value) || 'x') : fc.constant(fixed[name] as string);
    entries[name] = fc.oneof({ weight: 3, arbitrary: plausible }, { weight: 1, arbitrary: oddSegment });
  }
  return fc.record(entries);
}

/** A query string: shaped like the schema, bent, or odd. */
export function queryString(schema: JsonSchema | undefined): fc.Arbitrary<string> {
  const shape = schema === undefined ? fc.constant({} as Record<string, unknown>) : (shapedLike(schema) as fc.Arbitrary<Record<string, unknown>>);
  const encodeAll = (value: Record<string, unknown>) =>
    Object.entries(value ?? {})
      .filter(([, member]) => member !== undefined)
      .map(([name, member]) => `${encode(name)}=${encode(typeof member === 'object' ? JSON.stringify(member) : String(member))}`)
      .join('&');
  return fc.oneof(
    { weight: 3, arbitrary: shape.map(encodeAll) },
    shape.chain((value) => bendMember(value, fc.oneof(wrongValue, oddText.filter((text) => text.length < 5000)))).map((value) => encodeAll(value as Record<string, unknown>)),
    fc.constantFrom('limit=-1', 'limit=1e309', 'limit=abc', 'cursor=%ZZ', 'cursor=eyJwayI6IngifQ', 'limit=1&limit=2', 'x=%00', '&&&', 'a[b]=1', `q=${'z'.repeat(5000)}`),
  );
}
