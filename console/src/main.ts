import { signIn, signOut, signedIn, type Role } from './api.ts';
import { field, h, problemView } from './dom.ts';
import { LANGUAGES, onLanguageChange, setLanguage, t, language, type MessageKey } from './i18n.ts';
import { boardPage } from './pages/board.ts';
import { casePage } from './pages/case.ts';
import { pipelinePage } from './pages/pipeline.ts';
import { reportsPage } from './pages/reports.ts';
import { requestsPage } from './pages/requests.ts';

/**
 * The UCC operators' console: a hash router over five pages. The API key is held in api.ts's
 * memory only; the hash names the page, never the key.
 */
const root = document.getElementById('app') as HTMLElement;
let role: Role | undefined;

const NAV: { hash: string; label: MessageKey }[] = [
  { hash: '#/board', label: 'navBoard' },
  { hash: '#/pipeline', label: 'navPipeline' },
  { hash: '#/requests', label: 'navRequests' },
  { hash: '#/reports', label: 'navReports' },
];

function languageSwitch(): HTMLElement {
  return h(
    'div',
    { class: 'languages', role: 'group', 'aria-label': t('language') },
    LANGUAGES.map((code) =>
      h('button', { type: 'button', lang: code, 'aria-pressed': String(code === language()), onclick: () => setLanguage(code) }, code === 'kk' ? 'Қазақша' : 'Русский'),
    ),
  );
}

function header(): HTMLElement {
  const here = location.hash.startsWith('#/case/') ? '#/pipeline' : location.hash || '#/board';
  return h(
    'header',
    {},
    h('span', { class: 'title' }, t('appTitle')),
    signedIn()
      ? h('nav', { 'aria-label': t('appTitle') }, h('ul', {}, NAV.map((item) => h('li', {}, h('a', { href: item.hash, 'aria-current': item.hash === here ? 'page' : undefined }, t(item.label))))))
      : null,
    languageSwitch(),
    signedIn() && role ? h('span', { class: 'muted', 'data-testid': 'role' }, t(`role_${role}`)) : null,
    signedIn()
      ? h('button', { type: 'button', onclick: () => { signOut(); role = undefined; render(); } }, t('signOut'))
      : null,
  );
}

function loginPage(): HTMLElement {
  const key = h('input', { type: 'password', name: 'apiKey', autocomplete: 'off', required: true, spellcheck: 'false' });
  const status = h('div', { 'aria-live': 'assertive' });
  const form = h('form', { class: 'login', 'aria-labelledby': 'login-h' }, h('h1', { id: 'login-h' }, t('loginTitle')), h('p', {}, t('loginHint')), field(t('apiKey'), key), h('button', { type: 'submit' }, t('signIn')), status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const result = await signIn(key.value.trim());
      if (result === 'bad-key' || result === 'wrong-role') {
        status.replaceChildren(h('p', { class: 'problem', role: 'alert' }, t(result === 'bad-key' ? 'badKey' : 'wrongRole')));
        return;
      }
      role = result;
      key.value = '';
      if (!location.hash || location.hash === '#/login') location.hash = '#/board';
      else render();
    } catch (error) {
      status.replaceChildren(problemView(error));
    }
  });
  queueMicrotask(() => key.focus());
  return form;
}

async function page(): Promise<HTMLElement> {
  const hash = location.hash || '#/board';
  const caseId = /^#\/case\/(.+)$/.exec(hash)?.[1];
  if (caseId !== undefined) return casePage(decodeURIComponent(caseId), role as Role, render);
  if (hash === '#/pipeline') return pipelinePage();
  if (hash === '#/requests') return requestsPage();
  if (hash === '#/reports') return reportsPage(role as Role);
  return boardPage();
}

let renderCount = 0;
async function render(): Promise<void> {
  const mine = (renderCount += 1);
  document.title = t('appTitle');
  const skip = document.querySelector('.skip');
  if (skip) skip.textContent = t('skip');
  const main = h('main', { id: 'main', tabindex: -1, 'aria-busy': 'true' }, h('p', {}, t('loading')));
  root.replaceChildren(header(), main);
  if (!signedIn()) {
    main.replaceChildren(loginPage());
    main.removeAttribute('aria-busy');
    return;
  }
  let content: HTMLElement;
  try {
    content = await page();
  } catch (error) {
    content = problemView(error);
  }
  if (mine !== renderCount) return; // a later navigation won
  main.replaceChildren(content);
  main.setAttribute('aria-busy', 'false');
  main.dataset.page = (location.hash || '#/board').split('/')[1] ?? 'board';
  // Focus moves to the new page's content, so keyboard and screen-reader users start there.
  main.focus();
}

// The skip link moves focus to the content without touching the hash (the hash is the router's).
document.querySelector('.skip')?.addEventListener('click', (event) => {
  event.preventDefault();
  document.getElementById('main')?.focus();
});
window.addEventListener('hashchange', () => void render());
onLanguageChange(() => void render());
setLanguage(language());
