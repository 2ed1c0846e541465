import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.ts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LocalStack } from '#infra/local/local-stack.ts';
import { apiClient, createTestKey, settled, startTestStack } from '../support/local-stack.ts';
import { newBody, testBin } from '../support/fixtures.ts';

const POLL = { timeout: 15_000, interval: 50 };

/** More than one page of the API (100): the console must follow the cursor, not count a page. */
const ACCEPTANCES = 105;

describe('the operators console’s lists past one page of the API', () => {
  let stack: LocalStack;
  let browser: Browser;
  let page: Page;
  let operatorKey: string;
  const bodyId = testBin(1700);

  beforeAll(async () => {
    [stack, browser] = await Promise.all([
      startTestStack({ store: 'dynalite', consoleDir: inject('consoleDir') }),
      launchChromium(),
    ]);
    const admin = apiClient(stack.url, stack.adminKey);
    operatorKey = await createTestKey('ucc_operator');
    expect((await admin('POST', '/v1/bodies', { body: newBody(bodyId) })).status).toBe(201);
    const codes = Array.from({ length: ACCEPTANCES }, (_, i) => String(302_000_00 + i).padStart(8, '0'));
    for (let i = 0; i < codes.length; i += 8) {
      await Promise.all(
        codes.slice(i, i + 8).map(async (serviceCode) => {
          const created = await admin('POST', '/v1/acceptances', {
            body: { bodyId, serviceCode, serviceName: { kk: `Қызмет ${serviceCode}`, ru: `Услуга ${serviceCode}` } },
            headers: { 'idempotency-key': `lists-${serviceCode}` },
          });
          expect(created.status).toBe(201);
        }),
      );
    }
    await settled();
    page = await browser.newPage({ locale: 'kk-KZ', viewport: { width: 1280, height: 900 } });
    await page.goto(`${stack.url}/console/`);
    await page.getByLabel('API кілті').fill(operatorKey);
    await page.getByLabel('API кілті').press('Enter');
    await page.locator('main[aria-busy="false"][data-page="board"]').waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('shows every requested acceptance in the pipeline, and counts them all', async () => {
    // Act
    await page.getByRole('link', { name: 'Қабылдау' }).click();
    await page.locator('main[aria-busy="false"][data-page="pipeline"]').waitFor();
    // Assert
    const requested = page.locator('section[data-status="requested"]');
    await expect.poll(() => requested.locator('li').count(), POLL).toBe(ACCEPTANCES);
    expect(await requested.locator('h2').textContent()).toContain(`(${ACCEPTANCES})`);
  });

  it('counts the body’s open deadlines on the board as the API lists them, page after page', async () => {
    // Arrange: the API's own count, every page followed
    const operator = apiClient(stack.url, operatorKey);
    let open = 0;
    let cursor: string | undefined;
    do {
      const listed = await operator('GET', `/v1/deadlines?status=open&limit=100${cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`}`);
      open += (listed.body.items as { subject?: { bodyId?: string } }[]).filter((deadline) => deadline.subject?.bodyId === bodyId).length;
      cursor = listed.body.nextCursor;
    } while (cursor !== undefined);
    // Act
    await page.getByRole('link', { name: 'Мерзімдер тақтасы' }).click();
    await page.locator('main[aria-busy="false"][data-page="board"]').waitFor();
    // Assert
    expect(open).toBeGreaterThanOrEqual(ACCEPTANCES);
    const summary = page.locator('[data-testid="by-body"] summary');
    await expect.poll(() => summary.first().textContent(), POLL).toMatch(new RegExp(`— ${open}$`));
  });
});
