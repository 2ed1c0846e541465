import { countOf, getAll } from '../api.ts';
import { citeWithDerivation, loadDaysOff, partyLabel, type Deadline } from '../deadlines.ts';
import { h, table, text } from '../dom.ts';
import { formatInstant, localized, t, tv } from '../i18n.ts';
import { bodyNames } from '../bodies.ts';
import { startOfTomorrowAlmaty } from '../periods.ts';

const caseLink = (deadline: Deadline): Node => {
  const id = deadline.subject?.id ?? '';
  const label = deadline.subject?.serviceName ? `${localized(deadline.subject.serviceName)} (${deadline.subject.serviceCode})` : id;
  if (deadline.subject?.type === 'acceptance') return h('a', { href: `#/case/${encodeURIComponent(id)}` }, label);
  if (deadline.subject?.type === 'informationRequest') return h('a', { href: '#/requests' }, label);
  return text(label);
};

const listAll = (query: string) => getAll<Deadline>(`/v1/deadlines?${query}`);

/** The deadline board: overdue (breaches first), due today, and open deadlines by body. */
export async function boardPage(): Promise<HTMLElement> {
  const [overdueList, todayList, openList, names] = await Promise.all([
    listAll('status=overdue'),
    listAll(`status=open&dueBefore=${encodeURIComponent(startOfTomorrowAlmaty(new Date()))}`),
    listAll('status=open'),
    bodyNames(),
  ]);
  const [overdue, today, open] = [overdueList.items, todayList.items, openList.items];
  await loadDaysOff([...overdue, ...today, ...open]);
  const overdueIds = new Set(overdue.map((deadline) => deadline.id));
  const dueToday = today.filter((deadline) => !overdueIds.has(deadline.id) && Date.parse(deadline.dueAt) >= Date.now());
  const rows = (items: Deadline[]) =>
    items.map((deadline) => [
      caseLink(deadline),
      text(names.get(deadline.subject?.bodyId ?? '') ?? deadline.subject?.bodyId),
      text(tv('dl_', deadline.key)),
      citeWithDerivation(deadline),
      text(formatInstant(deadline.dueAt)),
      text(partyLabel(deadline.party)),
    ]);
  const headers = [t('case'), t('body'), t('deadline'), t('rule'), t('due'), t('party')];
  const byBody = new Map<string, Deadline[]>();
  for (const deadline of open) {
    const bodyId = deadline.subject?.bodyId ?? '';
    byBody.set(bodyId, [...(byBody.get(bodyId) ?? []), deadline]);
  }
  return h(
    'div',
    {},
    h('h1', {}, t('navBoard')),
    h('section', { 'aria-labelledby': 'overdue-h', 'data-testid': 'overdue' }, h('h2', { id: 'overdue-h' }, `${t('overdue')} (${countOf(overdueList)})`), table(headers, rows(overdue))),
    h('section', { 'aria-labelledby': 'today-h', 'data-testid': 'due-today' }, h('h2', { id: 'today-h' }, `${t('dueToday')} (${dueToday.length}${todayList.more ? '+' : ''})`), table(headers, rows(dueToday))),
    h(
      'section',
      { 'aria-labelledby': 'bybody-h', 'data-testid': 'by-body' },
      h('h2', { id: 'bybody-h' }, t('byBody')),
      [...byBody.entries()].map(([bodyId, items]) =>
        h('details', { open: true }, h('summary', {}, `${names.get(bodyId) ?? bodyId} — ${items.length}`), table(headers, rows(items))),
      ),
      byBody.size === 0 ? h('p', { class: 'empty' }, t('empty')) : null,
    ),
  );
}
