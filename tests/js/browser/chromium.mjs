/**
 * @module chromium — opens Debian's /usr/bin/chromium headless through playwright-core, with a fresh
 * profile per run and nothing that reaches the network on its own (no browser is ever downloaded).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

/** Debian's Chromium, installed by `make wasm` (mk/wasm.mk) when missing. */
export const CHROMIUM = '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Launches Chromium with a throw-away profile and returns a page plus a function that closes the
 * browser and deletes the profile. Console errors and uncaught page errors are collected in `errors`.
 *
 * @returns {Promise<{ page: import('playwright-core').Page, errors: string[], close: () => Promise<void> }>}
 * @example
 * const browser = await openChromium();
 * try { await browser.page.goto(url); } finally { await browser.close(); }
 */
export async function openChromium() {
  const profile = await mkdtemp(join(tmpdir(), 'onejwt-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
    });
  } catch (e) {
    await rm(profile, { recursive: true, force: true });
    throw e;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return {
    page,
    errors,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
