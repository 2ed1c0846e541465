import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

// zod/mini has no messages until a locale is configured; the app's 400s are English.
z.config(en());

/** Bench floor: the schemas of zod-classic.ts in zod/mini (what a switch would weigh). */
const schema = z.strictObject({
  text: z.string().check(z.minLength(1), z.maxLength(10), z.regex(/^a/)),
  count: z.optional(z.number().check(z.int())),
  kind: z._default(z.enum(['x', 'y']), 'x'),
  at: z.iso.datetime({ offset: true }),
  day: z.iso.date(),
  url: z.url(),
  limit: z.coerce.number(),
  flag: z.boolean(),
  any: z.unknown(),
  people: z.array(z.object({ email: z.email() })).check(
    z.refine((people) => people.length > 0, 'at least one'),
    z.superRefine((people, ctx) => {
      if (people.length > 9) ctx.issues.push({ code: 'custom', message: 'at most nine', input: people });
    }),
  ),
  trimmed: z.pipe(z.transform((value) => value), z.string()),
  length: z.pipe(z.string(), z.transform((value) => value.length)),
  fallback: z.catch(z.string(), 'none'),
});
const extended = z.extend(schema, { more: z.string() });

export const handler = async (event: unknown) => [schema.safeParse(event), extended.safeParse(event)];
