import { recordStepAppointment, type StepAppointment } from '#domain/directory/appoint-responsible-person.ts';
import type { Effect } from './effect.ts';

/**
 * ResponsiblePersonAppointed in an acceptance's step: the person goes on the body's record for
 * the service, the one GET /v1/bodies/{id}/responsible-persons shows and every later e-mail uses.
 * The same event type on the body's own record (its route writes that directly) causes nothing.
 */
export const recordResponsiblePerson: Effect = {
  name: 'record-responsible-person',
  cite: '§5, §7: one record of who answers for a body’s service, whichever route appointed them',
  async run(event, ports) {
    const appointment = event.data.appointment as StepAppointment | undefined;
    if (event.aggregateType !== 'Acceptance' || appointment === undefined) return;
    await recordStepAppointment(appointment, event, ports);
  },
};
