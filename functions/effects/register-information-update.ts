import { applyRegisteredUpdate } from '#domain/information/manage-information-updates.ts';
import type { Effect } from './effect.ts';

/** InformationUpdateRegistered: the next knowledge-base version, the registered one merged with the changes. */
export const registerInformationUpdate: Effect = {
  name: 'register-information-update',
  cite: '§6: the updated information becomes the next version of the UCC knowledge-base entry',
  async run(event, ports) {
    const data = event.data as { updateId?: string };
    if (data.updateId === undefined) return;
    await applyRegisteredUpdate(data.updateId, ports.informationUpdates);
  },
};
