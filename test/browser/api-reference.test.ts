import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/local-stack.ts';
import { REPO_ROOT } from '#infra/bundle-functions.ts';
import { startTestStack } from '../support/local-stack.ts';

/** Screenshots kept after the run (gitignored), beside the console's. */
const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'console');


describe('the API reference at /docs in Chromium (issue 16 §2): "try it" with an API key', () => {
  let stack: LocalStack;
  let browser: Browser;
  let page: Page;
  const requested: string[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    [stack, browser] = await Promise.all([
      startTestStack({ store: 'dynalite' }),
      launchChromium(),
    ]);
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('request', (request) => requested.push(request.url()));
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('sends a request from the page with the key as a Bearer token, loads nothing from another origin, and keeps the key out of the URL and the storage', async () => {
    // Arrange: the page, the rulebooks operation opened
    await page.goto(`${stack.url}/docs`);
    await page.getByText('rulebooks', { exact: true }).first().click();
    const operation = page.locator('section', { hasText: '/v1/rulebooks' });
    await operation.getByRole('button', { name: /Test Request/i }).first().click();
    await page.getByPlaceholder('Token').last().fill(stack.adminKey);
    // Act
    const [response] = await Promise.all([
      page.waitForResponse((candidate) => new URL(candidate.url()).pathname === '/v1/rulebooks', { timeout: 30_000 }),
      page.getByRole('button', { name: /^Send/ }).first().click(),
    ]);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'docs-try-it.png') });
    // Assert
    expect(response.status()).toBe(200);
    expect(response.request().headers().authorization).toBe(`Bearer ${stack.adminKey}`);
    // The rulebook in force and its history, as the API answers them.
    const body = (await response.json()) as { current?: { id?: string }; history?: unknown[] };
    expect(body.current?.id).toMatch(/^kz-/);
    expect(body.history?.length).toBeGreaterThan(0);
    const origin = new URL(stack.url).origin;
    expect(requested.filter((url) => /^https?:/.test(url) && new URL(url).origin !== origin)).toEqual([]);
    expect(page.url()).not.toContain(stack.adminKey);
    // Run in the page (the tests' tsconfig has no DOM types): every value of both web storages.
    const stored = (await page.evaluate(
      '[localStorage, sessionStorage].flatMap((storage) => Array.from({ length: storage.length }, (_, i) => storage.getItem(storage.key(i)) ?? ""))',
    )) as string[];
    expect(stored.some((value) => value.includes(stack.adminKey))).toBe(false);
  });
});
