import * as z from 'zod';

/** Bench floor: zod as the app imports it, with every kind of schema the app builds (compare zod-mini.ts). */
const schema = z.strictObject({
  text: z.string().min(1).max(10).regex(/^a/),
  count: z.number().int().optional(),
  kind: z.enum(['x', 'y']).default('x'),
  at: z.iso.datetime({ offset: true }),
  day: z.iso.date(),
  url: z.url(),
  limit: z.coerce.number(),
  flag: z.boolean(),
  any: z.unknown(),
  people: z
    .array(z.object({ email: z.email() }))
    .refine((people) => people.length > 0, 'at least one')
    .superRefine((people, ctx) => {
      if (people.length > 9) ctx.addIssue({ code: 'custom', message: 'at most nine' });
    }),
  trimmed: z.preprocess((value) => value, z.string()),
  length: z.string().transform((value) => value.length),
  fallback: z.string().catch('none'),
});
const extended = schema.extend({ more: z.string() });

export const handler = async (event: unknown) => [schema.safeParse(event), extended.safeParse(event)];
