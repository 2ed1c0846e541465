import { getAll } from '../api.ts';
import { bodyNames } from '../bodies.ts';
import { field, h, problemView, table, text } from '../dom.ts';
import { formatInstant, t, tv } from '../i18n.ts';
import { almatyMonth } from '../periods.ts';

interface InformationRequest {
  id: string;
  bodyId: string;
  status: string;
  subject?: string;
  createdAt?: string;
  dueAt?: string;
}

interface Escalation {
  id: string;
  bodyId: string;
  month: string;
  status: string;
  refusals: unknown[];
  escalatedAt?: string;
}


/** §10–§11 requests (newest first, with the answer's due moment) and §12 escalations of one month. */
export async function requestsPage(): Promise<HTMLElement> {
  const [names, requests] = await Promise.all([bodyNames(), getAll<InformationRequest>('/v1/information-requests')]);
  const escalations = h('div', { 'aria-live': 'polite', 'data-testid': 'escalations' });
  const month = h('input', { name: 'month', type: 'month', value: almatyMonth(new Date()), required: true });
  const load = async () => {
    try {
      const page = await getAll<Escalation>(`/v1/escalations?month=${encodeURIComponent(month.value)}`);
      escalations.replaceChildren(
        table(
          [t('body'), t('month'), t('status'), t('refusals'), t('when')],
          page.items.map((item) => [text(names.get(item.bodyId) ?? item.bodyId), text(item.month), text(tv('es_', item.status)), text(item.refusals.length), text(formatInstant(item.escalatedAt))]),
        ),
      );
    } catch (error) {
      escalations.replaceChildren(problemView(error));
    }
  };
  const form = h('form', { class: 'inline' }, field(t('month'), month), h('button', { type: 'submit' }, t('show')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void load();
  });
  void load();
  return h(
    'div',
    {},
    h('h1', {}, t('navRequests')),
    h(
      'section',
      { 'aria-labelledby': 'requests-h' },
      h('h2', { id: 'requests-h' }, t('requests')),
      table(
        [t('case'), t('body'), t('status'), t('due')],
        requests.items.map((item) => [h('code', {}, item.id), text(names.get(item.bodyId) ?? item.bodyId), text(tv('rs_', item.status)), text(formatInstant(item.dueAt))]),
      ),
    ),
    h('section', { 'aria-labelledby': 'escalations-h' }, h('h2', { id: 'escalations-h' }, t('escalations')), form, escalations),
  );
}
