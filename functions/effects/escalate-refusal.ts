import { escalateRefusal as escalate } from '#domain/requests/manage-information-requests.ts';
import type { Effect } from './effect.ts';

/** InformationRefused: the refusal goes on its body's escalation of the month; the second one tells the quality authority. */
export const escalateRefusal: Effect = {
  name: 'escalate-refusal',
  cite: '§12: several refusals by one body within one month are reported to the quality authority, with the documents',
  async run(event, ports) {
    const data = event.data as { requestId?: string };
    if (data.requestId === undefined) return;
    await escalate(data.requestId, ports.requests);
  },
};
