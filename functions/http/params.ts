import * as z from 'zod';
import { bodyIdSchema } from '#domain/values.ts';

/** Shared path and query parameter schemas. */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().min(1).max(2048).optional(),
});

export const bodyIdParams = z.object({ id: bodyIdSchema });

export const clientIdParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,80}$/, 'must be an API client id') });

/** `{cursor}` only when there is one, so `undefined` never reaches exactOptionalPropertyTypes users. */
export const cursorOf = (cursor: string | undefined) => (cursor === undefined ? {} : { cursor });

/** A request carrying documents: up to three of 2 MiB travel base64 in the JSON; Lambda takes 6 MB a request: 4.5 MiB in all. */
export const MAX_REQUEST_BODY_BYTES = 4.5 * 1024 * 1024;
