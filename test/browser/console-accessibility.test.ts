import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LocalStack } from '#infra/local/local-stack.ts';
import { REPO_ROOT } from '#infra/bundle-functions.ts';
import { launchChromium } from '../support/chromium.ts';
import { apiClient, createTestKey, settled, startTestStack } from '../support/local-stack.ts';
import { informationFor, newBody, testBin } from '../support/fixtures.ts';

/** Screenshots of every page in both languages, kept after the run (gitignored) as console.test.ts keeps its own. */
const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'console', 'accessibility');
const POLL = { timeout: 15_000, interval: 50 };
const NOW = '2026-04-01T12:00:00+05:00';

type Language = 'kk' | 'ru';
type Api = ReturnType<typeof apiClient>;

/** Each page's one h1, in each language (it also proves the page is in that language). */
const TITLES: Record<string, Record<Language, RegExp>> = {
  login: { kk: /^Кіру$/, ru: /^Вход$/ },
  board: { kk: /^Мерзімдер тақтасы$/, ru: /^Доска сроков$/ },
  pipeline: { kk: /^Қабылдау$/, ru: /^Приём услуг$/ },
  case: { kk: /^Қабылдау ісі: /, ru: /^Дело о приёме услуги: / },
  requests: { kk: /^Сұраулар мен эскалациялар$/, ru: /^Запросы и эскалации$/ },
  reports: { kk: /^Есептер$/, ru: /^Отчёты$/ },
};

/** What one page breaks of the checks; every list empty and `h1s` 1 on a page that passes. */
interface Findings {
  lang: string;
  h1s: string[];
  unlabelled: string[];
  unnamed: string[];
  unreachable: string[];
  focusInvisible: string[];
  /** Code names shown as text (an event's type, a field's key): words of no language, in a page that declares one. */
  untranslated: string[];
  /** How many controls the walk reached (all of them, on a page that passes). */
  reached: number;
}

/**
 * Runs in the page (a string: the DOM is the page's, not this typechecked process's). Tags each
 * interactive control that is rendered (not inside a closed <details>, not display:none) with
 * data-a11y, and answers what needs no keyboard: labels, names, h1s, the document's language.
 */
const STATIC_AUDIT = `(() => {
  const describe = (element) => element.outerHTML.slice(0, 160);
  const textOf = (ids) => ids.split(/\\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ').trim();
  const nameOf = (element) =>
    (element.getAttribute('aria-label') ?? '').trim() ||
    textOf(element.getAttribute('aria-labelledby') ?? '') ||
    [...(element.labels ?? [])].map((label) => label.textContent).join(' ').trim() ||
    (['INPUT', 'SELECT', 'TEXTAREA'].includes(element.tagName) ? '' : element.textContent.trim()) ||
    (element.getAttribute('title') ?? '').trim();
  // Rendered and not hidden (display, visibility, a closed <details> around it); off-screen counts (the skip link).
  const rendered = (element) => element.checkVisibility({ visibilityProperty: true });
  const interactive = [...document.querySelectorAll('a[href], button:not([disabled]), input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])')].filter(rendered);
  document.querySelectorAll('[data-a11y]').forEach((element) => element.removeAttribute('data-a11y'));
  interactive.forEach((element, index) => element.setAttribute('data-a11y', String(index)));
  // Each rendered text node on its own (not a closed <details>, not a hidden tooltip); ids and codes have no capital inside a word.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const words = [];
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) if (node.parentElement?.checkVisibility({ visibilityProperty: true })) words.push(node);
  const controls = interactive.filter((element) => ['INPUT', 'SELECT', 'TEXTAREA'].includes(element.tagName));
  return {
    lang: document.documentElement.lang,
    h1s: [...document.querySelectorAll('h1')].map((heading) => heading.textContent.trim()),
    untranslated: [...new Set(words.flatMap((node) => node.textContent.match(/\\b[a-z]+[A-Z][A-Za-z]*\\b|\\b[A-Z][a-z]+[A-Z][A-Za-z]*\\b/g) ?? []))],
    unlabelled: controls.filter((control) => control.labels.length === 0 && nameOf(control) === '').map(describe),
    unnamed: interactive.filter((element) => nameOf(element) === '').map(describe),
    count: interactive.length,
    all: interactive.map(describe),
  };
})()`;

/** Runs in the page after a Tab: which tagged control has the focus, and whether a ring shows it. */
const FOCUSED = `(() => {
  const element = document.activeElement;
  if (element === null || element === document.body) return null;
  const style = getComputedStyle(element);
  const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none';
  return { index: element.getAttribute('data-a11y'), own: element.matches(':focus'), visible: element.matches(':focus-visible') && ring, html: element.outerHTML.slice(0, 160) };
})()`;

/**
 * The checks of one page as it is now: labels and names, one h1, `<html lang>`, no code name as
 * text, and a walk with Tab from the top of the document that must reach every control, each with
 * a visible focus ring.
 */
async function auditPage(page: Page): Promise<Findings> {
  const found = (await page.evaluate(STATIC_AUDIT)) as Omit<Findings, 'unreachable' | 'focusInvisible'> & { count: number; all: string[] };
  // The sequential focus starting point at the top: the body focused (as after a fresh load), nothing else.
  const focusBody = () => page.evaluate("document.body.tabIndex = -1; document.body.focus(); document.body.removeAttribute('tabindex')");
  await focusBody();
  const reached = new Set<string>();
  const focusInvisible = new Set<string>();
  /** Tab stops inside a control the browser draws (a date input's calendar button): no page style reports them. */
  const browserParts: { index: string; html: string; focused: Buffer }[] = [];
  const tagged = (index: string) => page.locator(`[data-a11y="${index}"]`);
  // A date or month input takes one Tab per segment and one for its calendar button: room for four per control.
  for (let press = 0; press < found.count * 4 + 5; press += 1) {
    await page.keyboard.press('Tab');
    const focused = (await page.evaluate(FOCUSED)) as { index: string | null; own: boolean; visible: boolean; html: string } | null;
    if (focused === null) {
      if (reached.size === found.count) break; // past the last control: the walk is done
      continue;
    }
    if (focused.index !== null) reached.add(focused.index);
    if (focused.index !== null && !focused.own) browserParts.push({ index: focused.index, html: focused.html, focused: await tagged(focused.index).screenshot() });
    else if (!focused.visible) focusInvisible.add(focused.html);
  }
  // The browser's part is visibly focused when its control looks otherwise than with the focus away from it.
  await focusBody();
  for (const part of browserParts) if (part.focused.equals(await tagged(part.index).screenshot())) focusInvisible.add(`${part.html} (its browser-drawn button)`);
  const { count: _count, all, ...rest } = found;
  return { ...rest, unreachable: all.filter((_, index) => !reached.has(String(index))), focusInvisible: [...focusInvisible], reached: reached.size };
}

const CLEAN = (language: Language, title: RegExp) => ({
  lang: language,
  h1s: [expect.stringMatching(title)],
  unlabelled: [],
  unnamed: [],
  unreachable: [],
  focusInvisible: [],
  untranslated: [],
  reached: expect.any(Number),
});

describe('the operators console’s accessibility, every page in Kazakh and in Russian', () => {
  let stack: LocalStack;
  let admin: Api;
  let browser: Browser;
  let page: Page;
  const bodyId = testBin(1900);
  /** A case at each step the UCC has a form for: §5 registration or return, §8 training, §8 protocol. */
  const cases = { submitted: '', registered: '', trained: '' };

  const main = (name: string) => page.locator(`main[aria-busy="false"][data-page="${name}"]`);
  const go = async (hash: string, name: string) => {
    await page.evaluate(`location.hash = ${JSON.stringify(hash)}`);
    await main(name).waitFor();
  };

  /** The walk of one language: the login page, then each page of the console signed in as the admin (who sees every control). */
  async function auditConsole(language: Language): Promise<Record<string, Findings>> {
    const results: Record<string, Findings> = {};
    const record = async (name: string) => {
      results[name] = await auditPage(page);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `${language}-${name}.png`), fullPage: true });
    };
    // A fresh load: the console forgets the key and the language.
    await page.goto(`${stack.url}/console/`);
    await page.locator('input[name="apiKey"]').waitFor();
    if (language === 'ru') await page.getByRole('button', { name: 'Русский' }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang'), POLL).toBe(language);
    await record('login');
    await page.locator('input[name="apiKey"]').fill(stack.adminKey);
    await page.locator('input[name="apiKey"]').press('Enter');
    await main('board').waitFor();
    await record('board');
    await go('#/pipeline', 'pipeline');
    await record('pipeline');
    for (const [step, id] of Object.entries(cases)) {
      await go(`#/case/${encodeURIComponent(id)}`, 'case');
      await record(`case-${step}`);
    }
    await go('#/requests', 'requests');
    await page.locator('[data-testid="escalations"] :is(table, p)').first().waitFor();
    await record('requests');
    await go('#/reports', 'reports');
    await page.locator('[data-testid="reports"] table').waitFor();
    // The preview open: its figures and the raw JSON's toggle are controls of the page too.
    await page.locator('[data-testid="reports"] tbody button').first().click();
    await page.locator('[data-testid="report-preview"] table').first().waitFor();
    await record('reports');
    return results;
  }

  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    [stack, browser] = await Promise.all([startTestStack({ store: 'dynalite', consoleDir: inject('consoleDir') }), launchChromium()]);
    admin = apiClient(stack.url, stack.adminKey);
    const akimat = apiClient(stack.url, await createTestKey('body', bodyId));
    const setClock = async (now: string) => expect((await admin('POST', '/local/clock', { body: { now } })).status).toBe(200);
    expect((await admin('POST', '/v1/bodies', { body: newBody(bodyId) })).status).toBe(201);
    await setClock('2026-03-30T10:00:00+05:00');
    for (const [index, step] of (['submitted', 'registered', 'trained'] as const).entries()) {
      const serviceCode = `0040100${index + 1}`;
      const created = await admin('POST', '/v1/acceptances', {
        body: { bodyId, serviceCode, serviceName: { kk: `Қызмет ${serviceCode}`, ru: `Услуга ${serviceCode}` } },
        headers: { 'idempotency-key': `a11y-${step}` },
      });
      expect(created.status).toBe(201);
      cases[step] = created.body.id;
    }
    await setClock('2026-03-31T10:00:00+05:00');
    const person = { fullName: 'Тәжібаева Меруерт', position: 'Бас маман', email: 'meruert@akimat.example.kz', phone: '+7 701 555 0199' };
    for (const [index, id] of Object.values(cases).entries()) {
      expect((await akimat('POST', `/v1/acceptances/${id}/responsible-person`, { body: person })).status).toBe(200);
      expect((await akimat('POST', `/v1/acceptances/${id}/information`, { body: informationFor(`0040100${index + 1}`) })).status).toBe(200);
    }
    await setClock(NOW);
    for (const id of [cases.registered, cases.trained]) expect((await admin('POST', `/v1/acceptances/${id}/registration`, { body: {} })).status).toBe(200);
    const training = { heldOn: '2026-04-01', participants: [{ fullName: 'Ахметова Жанар' }] };
    expect((await admin('POST', `/v1/acceptances/${cases.trained}/training`, { body: training })).status).toBe(200);
    expect((await admin('POST', '/v1/information-requests', { body: { bodyId, question: 'Q' }, headers: { 'idempotency-key': 'a11y-request' } })).status).toBe(201);
    expect((await admin('POST', '/v1/reports', { body: { type: 'monthly-complaints', period: '2026-03' }, headers: { 'idempotency-key': 'a11y-report' } })).status).toBe(202);
    await settled();
    page = await browser.newPage({ locale: 'kk-KZ', timezoneId: 'Asia/Almaty', viewport: { width: 1280, height: 900 } });
    await page.clock.setFixedTime(new Date(NOW));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await admin?.('POST', '/local/clock', { body: { now: null } });
    await stack?.stop();
  });

  it('finds what a page breaks: a control without a label, a nameless button, two h1s, a wrong lang, code names as text, a control Tab skips, a focus without a ring', async () => {
    // Arrange: a page that breaks each check once, beside controls that pass
    const broken = await browser.newPage();
    await broken.setContent(`<!doctype html><html lang="en"><head><style>:focus-visible { outline: 3px solid #b34700 } .bare:focus-visible { outline: none }</style></head>
      <body><h1>One</h1><h1>Two</h1>
      <label for="named">Named</label><input id="named"><input id="nameless">
      <button type="button">Fine</button><button type="button" class="bare">No ring</button><button type="button"></button>
      <a href="#elsewhere" tabindex="-1">Skipped by Tab</a><p>DeadlineOpened, totalComplaints, acc-5000-0c8d</p><details><summary>Closed</summary><button type="button">Inside</button></details></body></html>`);
    // Act
    const findings = await auditPage(broken);
    await broken.close();
    // Assert
    expect(findings).toEqual({
      lang: 'en',
      h1s: ['One', 'Two'],
      unlabelled: [expect.stringContaining('id="nameless"')],
      unnamed: [expect.stringContaining('id="nameless"'), expect.stringMatching(/^<button type="button" data-a11y="\d+"><\/button>$/)],
      unreachable: [expect.stringContaining('Skipped by Tab')],
      focusInvisible: [expect.stringContaining('No ring')],
      untranslated: ['DeadlineOpened', 'totalComplaints'],
      // named, nameless, 3 buttons, the summary; the button in the closed <details> is not a control of the page
      reached: 6,
    });
  });

  it.each(['kk', 'ru'] as const)('in %s: labels, one h1, <html lang> and no code names, every control reached by Tab with a visible focus', async (language) => {
    // Act
    const results = await auditConsole(language);
    // Assert: every page walked, each clean
    expect(Object.keys(results)).toEqual(['login', 'board', 'pipeline', 'case-submitted', 'case-registered', 'case-trained', 'requests', 'reports']);
    for (const [name, findings] of Object.entries(results)) {
      const title = TITLES[name.replace(/-.*$/, '')]![language];
      expect(findings, `${language} ${name}`).toEqual(CLEAN(language, title));
    }
    // The walk met the controls: the header's (skip link, 4 pages, 2 languages, sign-out) and the §8 protocol form's 6 fields and its button.
    expect(results['case-trained']!.reached).toBeGreaterThanOrEqual(8 + 7);
    expect(results.login!.reached).toBeGreaterThanOrEqual(4);
  }, 120_000);
});
