import { definedMembers } from '../defined-members.ts';
import type { Plan } from './plan.ts';
import type { PlanStore } from './plan-port.ts';

/** Plan-schedules, newest first, with or without a status. */
export const listPlans = (listing: { status?: Plan['status'] | undefined; limit: number; cursor?: string | undefined }, ports: { plans: PlanStore }) =>
  ports.plans.list(definedMembers(listing));
