import type { DomainEvent } from '../ports.ts';
import type { Plan } from './plan.ts';

/** Port: plan-schedules (one item each). */
export interface PlanStore {
  get(id: string): Promise<Plan | undefined>;
  create(plan: Plan, event: DomainEvent): Promise<boolean>;
  /** One conditional write at expectedVersion; throws ConcurrentUpdateError otherwise. */
  save(plan: Plan, expectedVersion: number, event: DomainEvent): Promise<void>;
  list(options: { status?: Plan['status']; limit: number; cursor?: string }): Promise<{ items: Plan[]; nextCursor?: string }>;
}
