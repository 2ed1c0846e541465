import * as z from 'zod';
import { bodyIdSchema } from '#domain/values.ts';

/** Path ids of the quality authority's cases: `dsc-<BIN>-<32 hex>` (§20), `trn-<BIN>-<32 hex>` (§19). */
export const discrepancyIdParams = z.object({ id: z.string().regex(/^dsc-\d{12}-[0-9a-f]{32}$/, 'must be a discrepancy id') });
export const trainingIdParams = z.object({ id: z.string().regex(/^trn-\d{12}-[0-9a-f]{32}$/, 'must be a training request id') });
export const caseListQuery = <S extends readonly [string, ...string[]]>(statuses: S) =>
  z.object({
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().min(1).max(2048).optional(),
    bodyId: bodyIdSchema.optional(),
    status: z.enum(statuses).optional(),
  });
