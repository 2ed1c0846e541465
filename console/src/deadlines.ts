import { getJson } from './api.ts';
import { h, withTooltip } from './dom.ts';
import { formatDate, formatInstant, localized, t, tv, type MessageKey } from './i18n.ts';

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

/** The calendar's entries by date, with their kk/ru names: the API's derivation names a day off in English. */
const daysOff = new Map<string, { kind: string; name: { kk: string; ru: string; en?: string } }>();
const yearsRead = new Set<number>();

/** Reads the calendar years the deadlines' derivations pass through (each once per session). */
export async function loadDaysOff(deadlines: readonly Deadline[]): Promise<void> {
  const years = new Set(deadlines.flatMap((deadline) => deadline.derivation.map((step) => Number(step.date.slice(0, 4)))));
  await Promise.all(
    [...years].filter((year) => !yearsRead.has(year)).map(async (year) => {
      yearsRead.add(year);
      try {
        const calendar = await getJson<{ entries: { date: string; kind: string; name: { kk: string; ru: string; en?: string } }[] }>(`/v1/calendars/KZ/${year}`);
        for (const entry of calendar.entries) daysOff.set(entry.date, { kind: entry.kind, name: entry.name });
      } catch {
        // A year without a published calendar: its days keep the API's words.
        yearsRead.delete(year);
      }
    }),
  );
}

/** The derivation's fixed reasons (domain/calendar/compute-deadline.ts), by their words. */
const FIXED_REASONS: Record<string, MessageKey> = {
  weekend: 'why_weekend',
  'working day': 'why_workingDay',
  'event date (Asia/Almaty); the period starts the next day': 'why_eventDate',
  'period end moved to next working day': 'why_endMoved',
  'last day of the reporting period; counting starts the next day': 'why_periodEnd',
};

/** A skipped day's reason in the page's language: a day off by its kind and name, a fixed reason by its message; else the API's words. */
export function reasonText(step: DerivationStep): string {
  const fixed = FIXED_REASONS[step.reason];
  if (fixed !== undefined) return t(fixed);
  const day = daysOff.get(step.date);
  // Worded as reasonOfDay (functions/domain/calendar/compile-calendar-year.ts) words a day with an entry.
  if (day !== undefined && step.reason === `${day.kind}: ${day.name.en ?? ''}`) return `${tv('dk_', day.kind)}: ${localized(day.name)}`;
  return step.reason;
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
        h('li', { class: step.counted ? 'counted' : 'skipped' }, `${formatDate(step.date)}: ${step.counted ? `${t('counted')} ${step.dayNumber ?? ''}` : `${t('notCounted')} (${reasonText(step)})`}`),
      ),
    ),
    h('span', { class: 'line' }, `${t('due')}: ${formatInstant(deadline.dueAt)}`),
  );
}

/** The § of a deadline, its derivation on hover or focus. */
export const citeWithDerivation = (deadline: Deadline): HTMLElement => withTooltip(deadline.cite, derivationView(deadline));

export const partyLabel = (party: string): string => tv('party_', party);
