import { crashPoint } from '#commons/crash-point.ts';
import type { Effect } from './effect.ts';

/** Every event is copied once to its aggregate's append-only audit log (who did what, when). */
export const copyToAuditLog: Effect = {
  name: 'copy-to-audit-log',
  cite: 'audit trail of every change (docs/design.md "Storage"); §21 compliance evidence',
  async run(event, ports) {
    await ports.auditLog.append(event);
    crashPoint('effects.audit-copied');
  },
};
