import { h, withTooltip } from './dom.ts';
import { formatDate, formatInstant, t, tv } from './i18n.ts';

export interface DerivationStep {
  date: string;
  counted: boolean;
  dayNumber?: number;
  reason: string;
}

export interface Deadline {
  id?: string;
  key: string;
  cite: string;
  party: 'body' | 'ucc';
  from: string;
  dueDate: string;
  dueAt: string;
  status: string;
  derivation: DerivationStep[];
  subject?: { type: string; id: string; bodyId: string; serviceCode?: string; serviceName?: { kk: string; ru: string } };
  breachedAt?: string;
}

/** How the due date was reached, day by day (weekends, holidays, transfers), under its §. */
export function derivationView(deadline: Deadline): HTMLElement {
  return h(
    'span',
    { class: 'derivation' },
    h('strong', {}, `${t('derivation')} — ${deadline.cite}`),
    h('span', { class: 'line' }, `${t('from')}: ${formatInstant(deadline.from)}`),
    h(
      'ol',
      {},
      deadline.derivation.map((step) =>
        h('li', { class: step.counted ? 'counted' : 'skipped' }, `${formatDate(step.date)}: ${step.counted ? `${t('counted')} ${step.dayNumber ?? ''}` : `${t('notCounted')} (${step.reason})`}`),
      ),
    ),
    h('span', { class: 'line' }, `${t('due')}: ${formatInstant(deadline.dueAt)}`),
  );
}

/** The § of a deadline, its derivation on hover or focus. */
export const citeWithDerivation = (deadline: Deadline): HTMLElement => withTooltip(deadline.cite, derivationView(deadline));

export const partyLabel = (party: string): string => tv('party_', party);
