import { download, getAll, getJson, postJson, type Role } from '../api.ts';
import { citeWithDerivation, loadDaysOff, partyLabel, type Deadline } from '../deadlines.ts';
import { field, h, problemView, table, text } from '../dom.ts';
import { formatInstant, localized, t, tv } from '../i18n.ts';

interface Acceptance {
  id: string;
  bodyId: string;
  serviceCode: string;
  serviceName: { kk: string; ru: string };
  status: string;
  version: number;
  allowedActions: string[];
  deadlines: Deadline[];
  information?: { document?: { fileName: string; contentType: string; size: number; sha256: string } };
  submissions?: { submission: number; submittedAt: string; formSha256?: string; documentSha256?: string }[];
}

interface AuditEvent {
  at?: string;
  occurredAt?: string;
  actor?: string;
  type?: string;
  action?: string;
  /** A deadline's event names its deadline: `deadline.key` (opened, moved) or `key` (closed). */
  data?: { key?: unknown; deadline?: { key?: unknown } };
}

/** An event of the trail in the page's language, never its type; a deadline's event says which deadline. */
function eventLabel(event: AuditEvent): string {
  const label = tv('ev_', event.type ?? event.action ?? '');
  const deadline = event.data?.deadline?.key ?? event.data?.key;
  return event.type?.startsWith('Deadline') && typeof deadline === 'string' ? `${label}: ${tv('dl_', deadline)}` : label;
}

/** The steps the UCC itself takes (§5 registration or return, §8 training and protocol); the others are the body's. */
const UCC_ACTIONS = new Set(['registration', 'return', 'training', 'protocol']);

const lines = (value: string): string[] => value.split('\n').map((line) => line.trim()).filter((line) => line.length > 0);
const input = (attributes: Record<string, string | boolean>) => h('input', attributes);

/** The form of one step: its fields, the body it posts. */
function stepForm(action: string): { fields: HTMLElement[]; body: (form: HTMLFormElement) => unknown } {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' }).format(new Date());
  const value = (form: HTMLFormElement, name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;
  switch (action) {
    case 'return':
      return { fields: [field(t('reasons'), h('textarea', { name: 'reasons', required: true, rows: 3 }))], body: (form) => ({ reasons: lines(value(form, 'reasons')) }) };
    case 'training':
      return {
        fields: [field(t('heldOn'), input({ name: 'heldOn', type: 'date', required: true, value: today })), field(t('participants'), h('textarea', { name: 'participants', required: true, rows: 3 }))],
        body: (form) => ({ heldOn: value(form, 'heldOn'), participants: lines(value(form, 'participants')).map((fullName) => ({ fullName })) }),
      };
    case 'protocol':
      return {
        fields: [
          field(t('signedOn'), input({ name: 'signedOn', type: 'date', required: true, value: today })),
          field(t('protocolNumber'), input({ name: 'number' })),
          field(t('uccSignatory'), input({ name: 'uccName', required: true })),
          field(t('uccPosition'), input({ name: 'uccPosition', required: true })),
          field(t('bodySignatory'), input({ name: 'bodyName', required: true })),
          field(t('bodyPosition'), input({ name: 'bodyPosition', required: true })),
        ],
        body: (form) => ({
          signedOn: value(form, 'signedOn'),
          ...(value(form, 'number') ? { number: value(form, 'number') } : {}),
          signatories: [
            { fullName: value(form, 'uccName'), position: value(form, 'uccPosition'), party: 'ucc' },
            { fullName: value(form, 'bodyName'), position: value(form, 'bodyPosition'), party: 'body' },
          ],
        }),
      };
    default:
      return { fields: [], body: () => ({}) };
  }
}

function actionForm(acceptance: Acceptance, action: string, done: () => void): HTMLElement {
  const { fields, body } = stepForm(action);
  // One key per rendered form: a double submit or a retry after a lost answer replays, never repeats.
  const idempotencyKey = crypto.randomUUID();
  const status = h('div', { 'aria-live': 'polite', class: 'form-status' });
  const form = h(
    'form',
    { class: 'step', 'data-action': action, 'aria-labelledby': `act-${action}` },
    h('h3', { id: `act-${action}` }, tv('act_', action)),
    fields,
    h('button', { type: 'submit' }, t('submit')),
    status,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    status.replaceChildren(text(t('loading')));
    try {
      await postJson(`/v1/acceptances/${encodeURIComponent(acceptance.id)}/${action}`, body(form), { idempotencyKey, version: acceptance.version });
      status.replaceChildren(text(t('saved')));
      done();
    } catch (error) {
      status.replaceChildren(problemView(error));
    }
  });
  return form;
}

/** A case: its deadlines with derivations, documents, audit trail and the steps allowed now. */
export async function casePage(id: string, _role: Role, rerender: () => void): Promise<HTMLElement> {
  const path = `/v1/acceptances/${encodeURIComponent(id)}`;
  const [acceptance, events] = await Promise.all([getJson<Acceptance>(path), getAll<AuditEvent>(`${path}/events`)]);
  await loadDaysOff(acceptance.deadlines);
  const documents: { label: string; sha256: string; fileName: string }[] = [];
  if (acceptance.information?.document) {
    const document = acceptance.information.document;
    documents.push({ label: `${document.fileName} (${document.size} B)`, sha256: document.sha256, fileName: document.fileName });
  }
  for (const submission of acceptance.submissions ?? []) {
    if (submission.formSha256) documents.push({ label: `#${submission.submission} — ${formatInstant(submission.submittedAt)} (form.json)`, sha256: submission.formSha256, fileName: `form-${submission.submission}.json` });
  }
  const ours = acceptance.allowedActions.filter((action) => UCC_ACTIONS.has(action));
  const theirs = acceptance.allowedActions.filter((action) => !UCC_ACTIONS.has(action));
  const downloadStatus = h('div', { 'aria-live': 'polite' });
  return h(
    'div',
    {},
    h('h1', {}, `${t('caseTitle')}: ${localized(acceptance.serviceName)} (${acceptance.serviceCode})`),
    h('p', {}, h('span', { class: 'badge', 'data-testid': 'case-status' }, tv('st_', acceptance.status)), ' ', h('code', {}, acceptance.id)),
    h(
      'section',
      { 'aria-labelledby': 'actions-h' },
      h('h2', { id: 'actions-h' }, t('actions')),
      ours.length === 0 ? h('p', {}, t('noActions')) : ours.map((action) => actionForm(acceptance, action, rerender)),
      theirs.length > 0 ? h('p', { class: 'muted' }, `${t('waitingBody')}: ${theirs.map((action) => tv('act_', action)).join(', ')}`) : null,
    ),
    h(
      'section',
      { 'aria-labelledby': 'deadlines-h' },
      h('h2', { id: 'deadlines-h' }, t('deadlines')),
      table(
        [t('deadline'), t('rule'), t('due'), t('party'), t('status')],
        acceptance.deadlines.map((deadline) => [text(tv('dl_', deadline.key)), citeWithDerivation(deadline), text(formatInstant(deadline.dueAt)), text(partyLabel(deadline.party)), text(tv('ds_', deadline.status))]),
      ),
    ),
    h(
      'section',
      { 'aria-labelledby': 'documents-h' },
      h('h2', { id: 'documents-h' }, t('documents')),
      documents.length === 0
        ? h('p', { class: 'empty' }, t('empty'))
        : h(
            'ul',
            {},
            documents.map((document) =>
              h(
                'li',
                {},
                `${document.label} `,
                h(
                  'button',
                  {
                    type: 'button',
                    'data-sha256': document.sha256,
                    onclick: async () => {
                      try {
                        const name = await download(`${path}/documents/${document.sha256}`, document.fileName);
                        downloadStatus.replaceChildren(text(`${t('downloaded')}: ${name}`));
                      } catch (error) {
                        downloadStatus.replaceChildren(problemView(error));
                      }
                    },
                  },
                  `${t('download')}`,
                ),
              ),
            ),
          ),
      downloadStatus,
    ),
    h(
      'section',
      { 'aria-labelledby': 'audit-h', 'data-testid': 'audit-trail' },
      h('h2', { id: 'audit-h' }, t('audit')),
      table(
        [t('when'), t('who'), t('what')],
        events.items.map((event) => [text(formatInstant(event.at ?? event.occurredAt)), text(event.actor), text(eventLabel(event))]),
      ),
    ),
  );
}
