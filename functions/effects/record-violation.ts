import type { ComplianceViolation } from '#domain/directory/compliance.ts';
import type { Effect } from './effect.ts';

/**
 * ComplianceViolationRecorded: the violation goes on the body's compliance record, once per
 * event, or once per `violationId` when the event names one (a breach, compliance.ts).
 */
export const recordViolation: Effect = {
  name: 'record-violation',
  cite: '§21: the record of each body’s compliance with the deadlines',
  async run(event, ports) {
    const { violationId, ...data } = event.data as Omit<ComplianceViolation, 'violationId'> & { violationId?: string };
    await ports.readModels.recordViolation({ ...data, violationId: violationId ?? event.eventId });
  },
};
