import { chromium, type Browser } from 'playwright-core';
import { inject } from 'vitest';

/** Flags for Chromium as root on a machine whose network reaches no Google host (env: machines/node.md). */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Debian's Chromium, found (or installed) by the browser project's global set-up (browser-setup.ts). */
export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: inject('chromiumPath'), headless: true, args: CHROMIUM_ARGS });
