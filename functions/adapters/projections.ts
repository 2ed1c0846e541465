import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { VIOLATION_EVENT, type ComplianceViolation } from '#domain/directory/compliance.ts';
import type { DeadlineRecord } from '#domain/acceptance/acceptance.ts';
import type { DeadlineSubject, MonitoredDeadline } from '#domain/deadlines/monitored-deadline.ts';
import type { DomainEvent } from '#domain/ports.ts';
import { dynamo, isConditionFailure, tableName } from './dynamo.ts';

/**
 * Read models fed from committed events by the outbox finisher (right after the command, or
 * from the re-drive). Each projector is idempotent: keyed by the event id, written once.
 */
/** In the body's partition, beside its responsible persons (§21): one Query reads the record. */
export const violationKey = (bodyId: string, occurredAt: string, violationId: string) => ({
  pk: `BODY#${bodyId}`,
  sk: `VIOLATION#${occurredAt}#${violationId}`,
});

type Projector = (event: DomainEvent) => Promise<void>;

const putOnce = async (item: Record<string, unknown>): Promise<void> => {
  try {
    await dynamo().send(new PutCommand({ TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
};

/** The UCC knowledge base (§5): one entry per body and service, one item per version. */
export const knowledgeBaseKey = (bodyId: string, serviceCode: string, version: number) => ({
  pk: `KB#${bodyId}#${serviceCode}`,
  sk: `VERSION#${String(version).padStart(4, '0')}`,
});

/** The deadline monitor, loaded on first use (it reaches back into these adapters). */
async function monitor() {
  const [{ monitorPorts }, use] = await Promise.all([import('./composition.ts'), import('#domain/deadlines/monitor-deadlines.ts')]);
  return { ports: monitorPorts(), ...use };
}

const PROJECTORS: Record<string, Projector> = {
  DeadlineOpened: async (event) => {
    const data = event.data as { deadline?: DeadlineRecord; subject?: DeadlineSubject; stages?: MonitoredDeadline['stages'] };
    if (data.deadline === undefined || data.subject === undefined) return;
    const { trackDeadline, ports } = await monitor();
    await trackDeadline(data.deadline, data.subject, event.at, ports, data.stages);
  },
  DeadlineClosed: async (event) => {
    const data = event.data as { deadlineId?: string; key?: string; status: 'met' | 'missed' | 'cancelled' };
    if (data.deadlineId === undefined || data.key === 'startConsultation') return; // never watched
    const { closeTrackedDeadline, ports } = await monitor();
    await closeTrackedDeadline(data.deadlineId, data.status, event.at, ports);
  },
  DeadlineMoved: async (event) => {
    const data = event.data as { deadline: DeadlineRecord; previousDueAt: string; sourceVersion?: number };
    if (data.deadline.key === 'startConsultation') return; // not watched: it moved in its acceptance
    const { moveTrackedDeadline, ports } = await monitor();
    await moveTrackedDeadline(data.deadline, data.previousDueAt, data.sourceVersion, ports);
  },
  CalendarYearReplaced: async (event) => {
    const { changedDates } = event.data as { changedDates: string[] };
    if (changedDates.length === 0) return;
    const { recalculateAfterCalendarChange, ports } = await monitor();
    await recalculateAfterCalendarChange(changedDates, ports);
  },
  InformationRegistered: async (event) => {
    const data = event.data as { bodyId: string; serviceCode: string; entryVersion: number };
    const { Item } = await dynamo().send(
      new GetCommand({ TableName: tableName(), Key: { pk: `ACCEPTANCE#${event.aggregateId}`, sk: 'ACCEPTANCE' }, ConsistentRead: true }),
    );
    await putOnce({
      ...knowledgeBaseKey(data.bodyId, data.serviceCode, data.entryVersion),
      entity: 'KnowledgeBaseEntry',
      bodyId: data.bodyId,
      serviceCode: data.serviceCode,
      version: data.entryVersion,
      information: Item?.information,
      registeredAt: event.at,
      registeredBy: event.actor,
      acceptanceId: event.aggregateId,
    });
  },

  [VIOLATION_EVENT]: async (event) => {
    const data = event.data as Omit<ComplianceViolation, 'violationId'>;
    const violation: ComplianceViolation = { ...data, violationId: event.eventId };
    await putOnce({ ...violationKey(violation.bodyId, violation.occurredAt, violation.violationId), entity: 'ComplianceViolation', ...violation });
  },
};

export async function projectEvent(event: DomainEvent): Promise<void> {
  await PROJECTORS[event.type]?.(event);
}
