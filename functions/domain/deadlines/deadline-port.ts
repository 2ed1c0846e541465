import type { DomainEvent, OutboxMessage } from '../ports.ts';
import type { MonitoredDeadline } from './monitored-deadline.ts';

export interface DeadlineQuery {
  status?: MonitoredDeadline['status'];
  bodyId?: string;
  /** Only deadlines due before this instant. */
  dueBefore?: string;
  /** Only deadlines due at or after this date or instant. */
  dueFrom?: string;
  /**
   * Only open deadlines overdue at this instant: due before it, or already breached. A breach
   * once recorded (its notices sent, the violation on the record, §21) stays overdue even if
   * a clock is set back before the due time.
   */
  overdueAt?: string;
  limit: number;
  cursor?: string;
}

/** Port: the deadline monitor's records. */
export interface DeadlineStore {
  get(id: string): Promise<MonitoredDeadline | undefined>;
  /** Creates the record unless it exists (or was already closed: a close that overtook the open); true if created. */
  track(deadline: MonitoredDeadline): Promise<boolean>;
  /** Closes the record, or leaves a closed tombstone if the open has not arrived yet. */
  close(id: string, status: Exclude<MonitoredDeadline['status'], 'open'>, at: string): Promise<void>;
  /** One conditional write at expectedVersion with the events and e-mails it produced. */
  save(deadline: MonitoredDeadline, expectedVersion: number, events: DomainEvent[], messages: OutboxMessage[]): Promise<void>;
  /** Open deadlines whose next notice is due at `now` or earlier, soonest first. */
  listDue(now: string, limit: number, cursor?: string): Promise<{ items: MonitoredDeadline[]; nextCursor?: string }>;
  list(query: DeadlineQuery): Promise<{ items: MonitoredDeadline[]; nextCursor?: string }>;
}

/** Port: one-time schedules that wake the monitor when a deadline's next notice is due. */
export interface DeadlineScheduler {
  /** Creates or moves the deadline's schedule to `at` (an instant). */
  schedule(deadlineId: string, at: string): Promise<void>;
  cancel(deadlineId: string): Promise<void>;
}
