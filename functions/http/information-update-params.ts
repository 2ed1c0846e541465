import * as z from 'zod';
import { serviceCodeSchema } from '#domain/acceptance/acceptance.ts';
import { bodyIdSchema } from '#domain/values.ts';

export const updateIdParams = z.object({ id: z.string().regex(/^upd-\d{12}-[0-9a-f]{32}$/, 'must be an information update id') });
export const knowledgeBaseParams = z.object({ bodyId: bodyIdSchema, serviceCode: serviceCodeSchema });
