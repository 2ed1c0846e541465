import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.ts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LocalStack } from '#infra/local/local-stack.ts';
import { REPO_ROOT } from '#infra/bundle-functions.ts';
import { apiClient, createTestKey, settled, startTestStack } from '../support/local-stack.ts';
import { informationFor, newBody, testBin } from '../support/fixtures.ts';

/** Screenshots of every page, kept after the run (gitignored) for a person to look at. */
const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'console');


/** How long a poll waits for the page: a step and its re-render take well under a second, seconds on a loaded machine. */
const POLL = { timeout: 15_000, interval: 50 };

/** "Now" for the stack and the browser alike: Wednesday 1 April 2026, noon in Almaty. */
const NOW = '2026-04-01T12:00:00+05:00';

type Api = ReturnType<typeof apiClient>;

describe('the operators console in Chromium, against the local stack', () => {
  let stack: LocalStack;
  let admin: Api;
  let akimat: Api;
  let operatorKey: string;
  let bodyKey: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const bodyId = testBin(1600);
  const pdf = Buffer.from('%PDF-1.7\n% the service information, signed by the head\n');
  const ids = { overdue: '', submitted: '', dueToday: '', request: '' };

  const setClock = async (now: string) => expect((await admin('POST', '/local/clock', { body: { now } })).status).toBe(200);
  const open = async (serviceCode: string, key: string) => {
    const created = await admin('POST', '/v1/acceptances', {
      body: { bodyId, serviceCode, serviceName: { kk: `Қызмет ${serviceCode}`, ru: `Услуга ${serviceCode}` } },
      headers: { 'idempotency-key': key },
    });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };
  const shoot = async (name: string) => page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
  /** The content of a page once loaded (the router marks it): never the page a click is leaving. */
  const main = (name?: string) => page.locator(name === undefined ? 'main[aria-busy="false"]' : `main[aria-busy="false"][data-page="${name}"]`);

  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const [started, launched] = await Promise.all([
      startTestStack({ store: 'dynalite', consoleDir: inject('consoleDir') }),
      launchChromium(),
    ]);
    stack = started;
    browser = launched;
    admin = apiClient(stack.url, stack.adminKey);
    operatorKey = await createTestKey('ucc_operator');
    bodyKey = await createTestKey('body', bodyId);
    akimat = apiClient(stack.url, bodyKey);
    expect((await admin('POST', '/v1/bodies', { body: newBody(bodyId) })).status).toBe(201);
    // §4–§5: one request the body let lapse (due Thu 26 March after Nauryz), one due today, one whose information waits for the UCC.
    await setClock('2026-03-19T10:00:00+05:00');
    ids.overdue = await open('00301001', 'console-overdue');
    await setClock('2026-03-30T10:00:00+05:00');
    ids.dueToday = await open('00301002', 'console-due-today');
    ids.submitted = await open('00301003', 'console-submitted');
    await setClock('2026-03-31T10:00:00+05:00');
    const person = { fullName: 'Жанболатова Айгерим', position: 'Бас маман', email: 'aigerim@akimat.gov.kz', phone: '+7 701 555 0101' };
    expect((await akimat('POST', `/v1/acceptances/${ids.submitted}/responsible-person`, { body: person })).status).toBe(200);
    const document = { fileName: 'service-info.pdf', contentType: 'application/pdf', contentBase64: pdf.toString('base64') };
    expect((await akimat('POST', `/v1/acceptances/${ids.submitted}/information`, { body: informationFor('00301003', { document }) })).status).toBe(200);
    const asked = await admin('POST', '/v1/information-requests', { body: { bodyId, question: 'Q' }, headers: { 'idempotency-key': 'console-request' } });
    expect(asked.status).toBe(201);
    ids.request = asked.body.id;
    await setClock(NOW);
    await settled();
    context = await browser.newContext({ acceptDownloads: true, locale: 'kk-KZ', timezoneId: 'Asia/Almaty', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    // The browser's clock agrees with the stack's ("due today" is the operator's today).
    await page.clock.setFixedTime(new Date(NOW));
  });

  afterAll(async () => {
    await browser?.close();
    await admin?.('POST', '/local/clock', { body: { now: null } });
    await stack?.stop();
  });

  it('serves the built console at /console/ with its security headers', async () => {
    // Act
    const response = await fetch(`${stack.url}/console/`);
    const missing = await fetch(`${stack.url}/console/..%2f..%2fpackage.json`);
    // Assert
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await response.text()).toMatch(/<script type="module"[^>]+src="\/console\/assets\//);
    expect(missing.status).toBe(404);
  });

  it('refuses a bad key and a body key, and signs an operator in, the key in memory only', async () => {
    // Arrange
    await page.goto(`${stack.url}/console/`);
    await shoot('01-login');
    // Act: a key that is no key at all
    await page.getByLabel('API кілті').fill('ucc_not-a-key-at-all-0000000000000000');
    await page.getByRole('button', { name: 'Кіру' }).click();
    // Assert
    await expect.poll(() => page.getByRole('alert').textContent(), POLL).toBe('Кілт жарамсыз.');
    // Act: a body's key is not a UCC key
    await page.getByLabel('API кілті').fill(bodyKey);
    await page.getByRole('button', { name: 'Кіру' }).click();
    // Assert
    await expect.poll(() => page.getByRole('alert').textContent(), POLL).toContain('БЖО операторының');
    // Act: the operator's key, submitted from the keyboard
    await page.getByLabel('API кілті').fill(operatorKey);
    await page.getByLabel('API кілті').press('Enter');
    await main('board').waitFor();
    // Assert
    expect(await page.locator('[data-testid="role"]').textContent()).toBe('оператор');
    expect(page.url()).not.toContain(operatorKey);
    const stored = await page.evaluate('({ local: localStorage.length, session: sessionStorage.length, cookie: document.cookie })');
    expect(stored).toEqual({ local: 0, session: 0, cookie: '' });
  });

  it('shows the board: overdue, due today, by body, each derivation and § on hover', async () => {
    // Act
    await page.getByRole('link', { name: 'Мерзімдер тақтасы' }).click();
    await main('board').waitFor();
    // Assert
    const overdue = page.locator('[data-testid="overdue"]');
    await expect.poll(() => overdue.textContent(), POLL).toContain('Қызмет 00301001');
    expect(await overdue.textContent()).not.toContain('Қызмет 00301002');
    expect(await page.locator('[data-testid="due-today"]').textContent()).toContain('Қызмет 00301002');
    expect(await page.locator('[data-testid="by-body"] summary').allTextContents()).toContainEqual(expect.stringContaining(`Әкімдік ${bodyId}`));
    const trigger = overdue.locator('.tip-trigger').first();
    await trigger.hover();
    const tooltip = page.locator(`#${await trigger.getAttribute('aria-describedby')}`);
    await tooltip.waitFor({ state: 'visible' });
    // §5's 2 working days from 19 March: day 1 is 20 March, Nauryz (21–23) and its moved days (24–25) don't count, day 2 is 26 March.
    const derivation = await tooltip.textContent();
    expect(derivation).toContain('§5');
    expect(derivation).toMatch(/20\.03\.2026: жұмыс күні 1/);
    // The days off by their kind and their Kazakh name, from the calendar (the API's derivation words them in English).
    expect(derivation).toMatch(/23\.03\.2026: есептелмейді \(мереке: Наурыз мейрамы\)/);
    expect(derivation).toMatch(/25\.03\.2026: есептелмейді \(ауыстырылған демалыс: Наурыз мейрамы\)/);
    expect(derivation).not.toMatch(/holiday|Nauryz/);
    expect(derivation).toMatch(/26\.03\.2026: жұмыс күні 2/);
    await shoot('02-board');
    // Keyboard: the skip link (first in tab order) shows on focus and moves focus to the content, the hash untouched;
    // the next Tab reaches the first case link; the § opens its derivation on focus.
    expect(await page.evaluate("document.querySelector('a, button, input, [tabindex]:not([tabindex=\\'-1\\'])').className")).toBe('skip');
    await page.locator('.skip').focus();
    expect((await page.locator('.skip').boundingBox())!.x).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement.id')).toBe('main');
    expect(page.url()).toMatch(/#\/board$/);
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Қызмет 00301001 (00301001)');
    await page.mouse.move(0, 0);
    await trigger.focus();
    await tooltip.waitFor({ state: 'visible' });
  });

  it('switches to Russian and back', async () => {
    // Act
    await page.getByRole('button', { name: 'Русский' }).click();
    await main().waitFor();
    // Assert
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Доска сроков');
    expect(await page.locator('html').getAttribute('lang')).toBe('ru');
    expect(await page.getByRole('button', { name: 'Русский' }).getAttribute('aria-pressed')).toBe('true');
    await shoot('03-board-ru');
  });

  it('shows the acceptance pipeline in §4–§9 columns', async () => {
    // Act
    await page.getByRole('link', { name: 'Приём услуг' }).click();
    await main('pipeline').waitFor();
    // Assert
    const column = (status: string) => page.locator(`section[data-status="${status}"]`);
    await expect.poll(() => column('informationSubmitted').textContent(), POLL).toContain('Услуга 00301003');
    expect(await column('requested').textContent()).toContain('Услуга 00301001');
    expect(await column('requested').textContent()).toContain('Услуга 00301002');
    expect(await page.locator('section.column h2').count()).toBe(8);
    await shoot('04-pipeline');
  });

  it('opens the case, downloads its signed document and registers the information (§5) from the keyboard', async () => {
    // Arrange
    await page.getByRole('link', { name: /Услуга 00301003/ }).click();
    await main('case').waitFor();
    expect(await page.locator('[data-testid="case-status"]').textContent()).toBe('Информация представлена (§5)');
    expect(await page.locator('form.step').evaluateAll((forms) => forms.map((form) => form.getAttribute('data-action')))).toEqual(['registration', 'return']);
    // The audit trail names each event in the page's language, never the event's type.
    const trail = await page.locator('[data-testid="audit-trail"]').textContent();
    expect(trail).toContain('Запрос открыт (§4)');
    expect(trail).toContain('Назначено ответственное лицо (§5)');
    expect(trail).not.toMatch(/AcceptanceOpened|ResponsiblePersonAppointed/);
    await shoot('05-case');
    // Act: the document
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Скачать' }).first().click()]);
    const file = join(SCREENSHOT_DIR, 'downloaded-service-info.pdf');
    await download.saveAs(file);
    // Assert
    expect(download.suggestedFilename()).toBe('service-info.pdf');
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(createHash('sha256').update(pdf).digest('hex'));
    // Act: the step, by keyboard alone
    await page.locator('form[data-action="registration"] button[type="submit"]').focus();
    await page.keyboard.press('Enter');
    // Assert
    await expect.poll(() => page.locator('main[aria-busy="false"] [data-testid="case-status"]').textContent(), POLL).toBe('Зарегистрировано (§5)');
    expect(await page.locator('form.step').evaluateAll((forms) => forms.map((form) => form.getAttribute('data-action')))).toEqual(['training']);
    const state = await admin('GET', `/v1/acceptances/${ids.submitted}`);
    expect(state.body).toMatchObject({ status: 'informationRegistered', knowledgeBase: { entryVersion: 1 } });
    await page.reload();
    // A reload forgets the key (and the language): the operator signs in again, on the same case.
    await page.getByLabel('API кілті').waitFor();
    await page.getByLabel('API кілті').fill(operatorKey);
    await page.getByLabel('API кілті').press('Enter');
    await main('case').waitFor();
    await expect.poll(() => page.locator('[data-testid="case-status"]').textContent(), POLL).toBe('Тіркелді (§5)');
    await page.getByRole('button', { name: 'Русский' }).click();
    await main().waitFor();
    await shoot('06-case-registered');
  });

  it('shows information requests with escalations, and the reports page', async () => {
    // Act
    await page.getByRole('link', { name: 'Запросы и эскалации' }).click();
    await main('requests').waitFor();
    // Assert
    expect(await page.getByRole('heading', { level: 2 }).allTextContents()).toEqual(['Запросы информации (§10–§11)', 'Эскалации (§12)']);
    const requests = page.locator('section[aria-labelledby="requests-h"]');
    expect(await requests.textContent()).toContain(ids.request);
    expect(await requests.textContent()).toContain('ожидает ответа');
    await page.locator('[data-testid="escalations"] :is(table, p)').first().waitFor();
    await shoot('07-requests');
    // Act
    await page.getByRole('link', { name: 'Отчёты' }).click();
    await main('reports').waitFor();
    // Assert
    await page.locator('[data-testid="reports"] :is(table, p, div)').first().waitFor();
    expect(await page.getByLabel('Период').inputValue()).toBe('2026-03');
    // Generating a report is the admin's (POST /v1/reports): the operator has no button for it (console-admin.test.ts has).
    expect(await page.getByRole('button', { name: 'Сформировать новую версию' }).count()).toBe(0);
    await shoot('08-reports');
  });

  it('previews a generated §18 report and downloads its XLSX, the very file the API lists', async () => {
    // Arrange: the admin generates the analysis of March (§18)
    const generated = await admin('POST', '/v1/reports', { body: { type: 'monthly-complaints', period: '2026-03' }, headers: { 'idempotency-key': 'console-report' } });
    expect(generated.status).toBe(202);
    const listed = await admin('GET', '/v1/reports?type=monthly-complaints&period=2026-03');
    const xlsx = (listed.body.items[0].files as { format: string; sha256: string }[]).find((file) => file.format === 'xlsx');
    expect(xlsx).toBeDefined();
    // Act
    await page.getByRole('button', { name: 'Показать' }).click();
    await page.getByRole('button', { name: 'Просмотр' }).first().click();
    // Assert
    const figures = page.locator('[data-testid="report-preview"] table.fields').first();
    await expect.poll(() => figures.textContent(), POLL).toContain('Число жалоб');
    // The figures are named in the page's language; the raw JSON stays behind its own toggle.
    expect(await figures.textContent()).not.toMatch(/totalComplaints|reviewPeriods/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Скачать XLSX' }).first().click()]);
    const file = join(SCREENSHOT_DIR, 'downloaded-report.xlsx');
    await download.saveAs(file);
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(xlsx?.sha256);
    await shoot('09-report-preview');
  });

  it('labels every form control (the reports page)', async () => {
    // Act
    const unlabelled = await page.evaluate("[...document.querySelectorAll('input, select, textarea')].filter((control) => control.labels.length === 0).map((control) => control.outerHTML)");
    // Assert
    expect(unlabelled).toEqual([]);
  });
});
