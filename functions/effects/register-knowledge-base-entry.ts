import type { Effect } from './effect.ts';

/** InformationRegistered: the registered information becomes the next version of the UCC knowledge-base entry. */
export const registerKnowledgeBaseEntry: Effect = {
  name: 'register-knowledge-base-entry',
  cite: '§5: a UCC employee registers the information in the UCC knowledge base',
  async run(event, ports) {
    const data = event.data as { bodyId: string; serviceCode: string; entryVersion: number };
    const acceptance = await ports.monitor.acceptances.get(event.aggregateId);
    await ports.readModels.recordKnowledgeBaseEntry({
      bodyId: data.bodyId,
      serviceCode: data.serviceCode,
      version: data.entryVersion,
      information: acceptance?.information,
      registeredAt: event.at,
      registeredBy: event.actor,
      acceptanceId: event.aggregateId,
    });
  },
};
