import { factOf } from '#domain/directory/compliance.ts';
import type { Effect } from './effect.ts';

/** A body's deadline closed, a violation, a refusal, an escalation: one fact on its compliance record. */
export const recordComplianceFact: Effect = {
  name: 'record-compliance-fact',
  cite: '§21: the record of how each body meets its duties (deadlines per step, violations, refusals by ground, escalations)',
  async run(event, ports) {
    const fact = factOf(event);
    const bodyId = event.data.bodyId;
    if (fact === undefined || typeof bodyId !== 'string') return;
    // A named violation (a breach) is one fact, at the moment it occurred, whichever event brings it.
    const { violationId, occurredAt } = event.data;
    const named = fact.kind === 'violation' && typeof violationId === 'string' && typeof occurredAt === 'string';
    await ports.readModels.recordFact({ factId: named ? violationId : event.eventId, bodyId, at: named ? occurredAt : event.at, fact });
  },
};
