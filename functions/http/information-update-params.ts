import * as z from 'zod';
import { serviceCodeSchema } from '#domain/acceptance/acceptance.ts';

export const updateIdParams = z.object({ id: z.string().regex(/^upd-\d{12}-[0-9a-f]{32}$/, 'must be an information update id') });
export const knowledgeBaseParams = z.object({ bodyId: z.string().regex(/^\d{12}$/, 'must be a body id (its 12-digit BIN)'), serviceCode: serviceCodeSchema });
