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
    await ports.readModels.recordFact({ factId: event.eventId, bodyId, at: event.at, fact });
  },
};
