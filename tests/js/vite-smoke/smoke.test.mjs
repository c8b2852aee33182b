/**
 * @module smoke.test (Vite) — builds the minimal Vite 7 app in this folder (`onejwt-wasm` comes from
 * bindings-wasm/pkg through a file: dependency), serves the built files from 127.0.0.1 and checks in
 * headless Chromium that the bundled page verifies tokens.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { build, version } from 'vite';

import { openChromium } from '../browser/chromium.mjs';
import { serveStatic } from '../browser/server.mjs';

const APP = fileURLToPath(new URL('.', import.meta.url));

let dist;

before(async () => {
  dist = await mkdtemp(join(tmpdir(), 'onejwt-vite-smoke-'));
});

after(async () => {
  await rm(dist, { recursive: true, force: true });
});

test('vite build bundles onejwt-wasm and emits its .wasm as an asset', async () => {
  assert.match(version, /^7\./, 'the smoke test is about Vite 7');
  await build({ root: APP, configFile: false, logLevel: 'warn', build: { outDir: dist, emptyOutDir: true } });
  const assets = await readdir(join(dist, 'assets'));
  assert.ok(
    assets.some((name) => name.endsWith('.wasm')),
    `no .wasm among the built assets: ${assets.join(', ')}`,
  );
});

test('the built page verifies tokens in Chromium', async () => {
  const server = await serveStatic(dist);
  const browser = await openChromium();
  try {
    await browser.page.goto(`${server.url}index.html`);
    await browser.page.waitForFunction(() => document.title === 'done', null, { timeout: 30_000 }).catch(() => {
      throw new Error(`the page did not finish: ${browser.errors.join('; ') || 'no error reported'}`);
    });
    const result = JSON.parse(await browser.page.textContent('#result'));
    assert.deepEqual(result, {
      claims: { ok: { sub: 'vite-smoke', iss: 'https://auth.example', iat: 1767225000, exp: 1767229200 } },
      tampered: { code: 'invalid_signature' },
      expired: { code: 'expired' },
      es256: { ok: { sub: 'es' } },
      errorCodes: 15,
    });
    assert.deepEqual(browser.errors, [], 'the page logged errors');
  } finally {
    await browser.close();
    await server.close();
  }
});
