import { countOf, getAll } from '../api.ts';
import { bodyNames } from '../bodies.ts';
import { h } from '../dom.ts';
import { formatInstant, localized, t, tv } from '../i18n.ts';

/** §4–§9 in order: each status is one column (a returned information waits beside the submitted ones). */
export const PIPELINE_STATUSES = [
  'requested',
  'responsibleAppointed',
  'informationSubmitted',
  'informationReturned',
  'informationRegistered',
  'trainingHeld',
  'protocolSigned',
  'live',
] as const;

interface AcceptanceCard {
  id: string;
  bodyId: string;
  serviceCode: string;
  serviceName: { kk: string; ru: string };
  status: string;
  nextDueAt?: string;
}

/** The acceptance pipeline: one column per status, soonest due first within the API's order. */
export async function pipelinePage(): Promise<HTMLElement> {
  const [names, ...columns] = await Promise.all([
    bodyNames(),
    ...PIPELINE_STATUSES.map((status) => getAll<AcceptanceCard>(`/v1/acceptances?status=${status}`)),
  ]);
  return h(
    'div',
    {},
    h('h1', {}, t('navPipeline')),
    h(
      'div',
      { class: 'pipeline' },
      PIPELINE_STATUSES.map((status, index) => {
        const column = columns[index] ?? { items: [], more: false };
        const items = column.items;
        return h(
          'section',
          { class: 'column', 'aria-labelledby': `col-${status}`, 'data-status': status },
          h('h2', { id: `col-${status}` }, `${tv('st_', status)} (${countOf(column)})`),
          h(
            'ul',
            {},
            items.map((item) =>
              h(
                'li',
                { class: 'card' },
                h('a', { href: `#/case/${encodeURIComponent(item.id)}` }, `${localized(item.serviceName)} (${item.serviceCode})`),
                h('span', { class: 'muted' }, names.get(item.bodyId) ?? item.bodyId),
                item.nextDueAt ? h('span', { class: 'muted' }, `${t('due')}: ${formatInstant(item.nextDueAt)}`) : null,
              ),
            ),
          ),
        );
      }),
    ),
  );
}
