import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LocalStack } from '#infra/local/local-stack.ts';
import { REPO_ROOT } from '#infra/bundle-functions.ts';
import { launchChromium } from '../support/chromium.ts';
import { apiClient, createTestKey, startTestStack } from '../support/local-stack.ts';
import { newBody, testBin } from '../support/fixtures.ts';

/** Screenshots and downloads, kept after the run (gitignored) as console.test.ts keeps its own. */
const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'console');
const POLL = { timeout: 15_000, interval: 50 };

/** "Now" for the stack and the browser: Wednesday 1 April 2026, noon in Almaty; the §18 analysis of March is due. */
const NOW = '2026-04-01T12:00:00+05:00';

/** The roles the console is not for (issue 16 §3: an API key of role `ucc_operator` or `ucc_admin`). */
const FOREIGN_ROLES = ['body', 'provider', 'quality_authority', 'informatization_authority'] as const;

type Api = ReturnType<typeof apiClient>;

describe('the operators console signed in by an admin, in Chromium', () => {
  let stack: LocalStack;
  let admin: Api;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const foreignKeys = new Map<string, string>();
  const bodyId = testBin(1800);
  /** Every URL the page's history held (hash changes included: Playwright reports same-document navigations). */
  const visited: string[] = [];
  /** Every URL the page requested. */
  const requested: string[] = [];

  const shoot = async (name: string) => page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
  const main = (name: string) => page.locator(`main[aria-busy="false"][data-page="${name}"]`);

  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    [stack, browser] = await Promise.all([startTestStack({ store: 'dynalite', consoleDir: inject('consoleDir') }), launchChromium()]);
    admin = apiClient(stack.url, stack.adminKey);
    expect((await admin('POST', '/v1/bodies', { body: newBody(bodyId) })).status).toBe(201);
    for (const role of FOREIGN_ROLES) foreignKeys.set(role, await createTestKey(role, role === 'body' || role === 'provider' ? bodyId : undefined));
    expect((await admin('POST', '/local/clock', { body: { now: NOW } })).status).toBe(200);
    context = await browser.newContext({ acceptDownloads: true, locale: 'kk-KZ', timezoneId: 'Asia/Almaty', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    await page.clock.setFixedTime(new Date(NOW));
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) visited.push(frame.url());
    });
    page.on('request', (request) => requested.push(request.url()));
  });

  afterAll(async () => {
    await browser?.close();
    await admin?.('POST', '/local/clock', { body: { now: null } });
    await stack?.stop();
  });

  it.each(FOREIGN_ROLES)('refuses a key of role %s with a visible message, and signs no one in', async (role) => {
    // Arrange
    await page.goto(`${stack.url}/console/`);
    // Act
    await page.getByLabel('API кілті').fill(foreignKeys.get(role)!);
    await page.getByRole('button', { name: 'Кіру' }).click();
    // Assert: the refusal is shown (role=alert, visible), the login form stays, no page of the console opens
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent(), POLL).toBe('Бұл кілт БЖО операторының немесе әкімшісінің кілті емес.');
    expect(await alert.isVisible()).toBe(true);
    expect(await page.getByLabel('API кілті').isVisible()).toBe(true);
    expect(await page.getByRole('navigation').count()).toBe(0);
    expect(await page.locator('[data-testid="role"]').count()).toBe(0);
    if (role === 'body') await shoot('10-login-refused');
  });

  it('signs an admin in: the admin’s role and the admin-only controls are there', async () => {
    // Arrange
    await page.goto(`${stack.url}/console/`);
    // Act
    await page.getByLabel('API кілті').fill(stack.adminKey);
    await page.getByLabel('API кілті').press('Enter');
    await main('board').waitFor();
    // Assert
    expect(await page.locator('[data-testid="role"]').textContent()).toBe('әкімші');
    await page.getByRole('link', { name: 'Есептер' }).click();
    await main('reports').waitFor();
    expect(await page.getByRole('button', { name: 'Жаңа нұсқаны жасау' }).isVisible()).toBe(true);
  });

  it('generates the §18 report from its button and downloads its XLSX: the very file the API lists', async () => {
    // Arrange: the analysis of March (the period the page proposes on 1 April)
    expect(await page.getByLabel('Кезең').inputValue()).toBe('2026-03');
    expect((await admin('GET', '/v1/reports?type=monthly-complaints&period=2026-03')).body.items).toEqual([]);
    // Act
    await page.getByRole('button', { name: 'Жаңа нұсқаны жасау' }).click();
    // Assert: the new version is listed by the API and on the page
    const status = page.locator('main [aria-live="polite"]').filter({ hasText: 'Есеп кезекке қойылды' });
    await expect.poll(() => status.count(), POLL).toBe(1);
    const reportId = /: (\S+)$/.exec((await status.textContent())!)![1]!;
    const listed = await admin('GET', '/v1/reports?type=monthly-complaints&period=2026-03');
    expect(listed.body.items.map((item: { reportId: string }) => item.reportId)).toEqual([reportId]);
    const xlsx = (listed.body.items[0].files as { format: string; sha256: string }[]).find((file) => file.format === 'xlsx')!;
    expect(xlsx.sha256).toMatch(/^[0-9a-f]{64}$/);
    const row = page.locator('[data-testid="reports"] tbody tr');
    await expect.poll(() => row.count(), POLL).toBe(1);
    expect(await row.locator('td').first().textContent()).toBe(String(listed.body.items[0].version));
    await shoot('11-report-generated');
    // Act: the download, through the page's own button
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: 'Жүктеп алу XLSX' }).click()]);
    const file = join(SCREENSHOT_DIR, 'downloaded-generated-report.xlsx');
    await download.saveAs(file);
    // Assert: a zip (XLSX is OOXML: "PK\x03\x04"), byte for byte the file the API lists
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(xlsx.sha256);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  });

  it('keeps the key in no URL, no history entry, no storage, no cookie and no IndexedDB database', async () => {
    // Arrange: the admin has walked the pages (sign-in, board, reports)
    await page.getByRole('link', { name: 'Қабылдау' }).click();
    await main('pipeline').waitFor();
    const key = stack.adminKey;
    // Act
    // A string, as the other browser tests pass: it runs in the page (DOM), not in this typechecked process.
    const stored = (await page.evaluate(`(async () => ({
      local: Object.keys(localStorage).map((name) => name + '=' + localStorage.getItem(name)),
      session: Object.keys(sessionStorage).map((name) => name + '=' + sessionStorage.getItem(name)),
      cookie: document.cookie,
      databases: (await indexedDB.databases()).map((database) => database.name),
      caches: await caches.keys(),
      historyState: JSON.stringify(history.state),
      html: document.documentElement.outerHTML,
    }))()`)) as { local: string[]; session: string[]; cookie: string; databases: string[]; caches: string[]; historyState: string; html: string };
    const cookies = await context.cookies();
    // Assert
    // The hash changes are in it (the pages the admin opened), so it is the history, not only the loads.
    expect(visited).toEqual(expect.arrayContaining([expect.stringMatching(/#\/board$/), expect.stringMatching(/#\/reports$/), expect.stringMatching(/#\/pipeline$/)]));
    expect(visited.filter((url) => url.includes(key))).toEqual([]);
    expect(page.url()).not.toContain(key);
    expect(requested.length).toBeGreaterThan(5);
    expect(requested.filter((url) => url.includes(key))).toEqual([]);
    expect(stored).toMatchObject({ local: [], session: [], cookie: '', databases: [], caches: [] });
    expect(stored.historyState).not.toContain(key);
    expect(stored.html).not.toContain(key);
    expect(cookies).toEqual([]);
  });
});
