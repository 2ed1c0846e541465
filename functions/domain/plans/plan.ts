import * as z from 'zod';
import { text } from '../text.ts';
import { localizedSchema, serviceCodeSchema, type Localized } from '../acceptance/acceptance.ts';
import { bodyIdSchema, isoDateSchema } from '../values.ts';

/**
 * The plan-schedule of acceptance of public services for consultation (§3), approved by the
 * informatization authority. Each item opens its acceptance on its planned date.
 */

export const MAX_PLAN_ITEMS = 300;

export const planItemInputSchema = z.strictObject({
  serviceCode: serviceCodeSchema,
  serviceName: localizedSchema,
  bodyId: bodyIdSchema,
  plannedOn: isoDateSchema,
});

export const createPlanSchema = z.strictObject({
  title: text(500),
  // A plan is one item (≤ 400 KB): 300 items stay well inside it, with room for their acceptances.
  items: z.array(planItemInputSchema).min(1).max(MAX_PLAN_ITEMS),
});

export const amendPlanSchema = z
  .strictObject({
    add: z.array(planItemInputSchema).max(MAX_PLAN_ITEMS).optional(),
    remove: z.array(z.string().min(1).max(100)).max(1000).optional(),
    reschedule: z.array(z.strictObject({ itemId: z.string().min(1).max(100), plannedOn: isoDateSchema })).max(1000).optional(),
    reason: text(2000),
  })
  .refine((value) => (value.add?.length ?? 0) + (value.remove?.length ?? 0) + (value.reschedule?.length ?? 0) > 0, {
    message: 'an amendment must add, remove or reschedule at least one item',
    path: ['add'],
  });

export interface PlanItem {
  id: string;
  serviceCode: string;
  serviceName: Localized;
  bodyId: string;
  plannedOn: string;
  removed?: boolean;
  acceptanceId?: string;
  openedAt?: string;
}

export interface PlanRevision {
  revision: number;
  at: string;
  by: string;
  change: 'created' | 'amended' | 'approved';
  reason?: string;
  summary: { added: number; removed: number; rescheduled: number };
}

export interface Plan {
  id: string;
  title: string;
  status: 'draft' | 'approved';
  revision: number;
  items: PlanItem[];
  revisions: PlanRevision[];
  createdAt: string;
  createdBy: string;
  approvedAt?: string;
  approvedBy?: string;
  version: number;
}

export const planNotFoundMessage = (id: string): string => `No plan with id ${id}`;
