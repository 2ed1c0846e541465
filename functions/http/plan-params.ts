import * as z from 'zod';

export const planIdParams = z.object({ id: z.string().regex(/^plan-[A-Za-z0-9-]{8,64}$/, 'must be a plan id') });
