import { dynamoPlanStore } from '#adapters/plan-store.ts';
import { acceptancePorts } from './acceptance-ports.ts';

/** The adapters the plan-schedule handlers pass to the use-cases. */
export const planPorts = { ...acceptancePorts, plans: dynamoPlanStore };
