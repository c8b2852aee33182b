/**
 * @module smoke.test (Vite) — builds the minimal Vite 7 app in this folder (`onejwt-wasm` comes from
 * bindings-wasm/pkg through a file: dependency), serves the built files from 127.0.0.1 and checks in
 * headless Chromium that the bundled page verifies tokens. The app is built twice: as written, and
 * with its `onejwt-wasm` import resolved to `onejwt-wasm/verify` (the verify-only entry, which
 * Vite resolves through the package's `exports` as it would for an app that imports it).
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { build, version } from 'vite';

import { openChromium } from '../browser/chromium.mjs';
import { serveStatic } from '../browser/server.mjs';

const APP = fileURLToPath(new URL('.', import.meta.url));
const PKG = fileURLToPath(new URL('../../../bindings-wasm/pkg/', import.meta.url));

/** Each entry, the alias that makes main.js import it, and the module its build must emit. */
const ENTRIES = [
  { entry: 'onejwt-wasm', alias: [], wasm: 'wasm/onejwt_wasm_bg.wasm' },
  {
    entry: 'onejwt-wasm/verify',
    alias: [{ find: /^onejwt-wasm$/, replacement: 'onejwt-wasm/verify' }],
    wasm: 'verify/wasm/onejwt_wasm_bg.wasm',
  },
];

let scratch;

before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'onejwt-vite-smoke-'));
});

after(async () => {
  await rm(scratch, { recursive: true, force: true });
});

for (const [n, { entry, alias, wasm }] of ENTRIES.entries()) {
  const dist = () => join(scratch, `dist-${n}`);

  test(`vite build bundles ${entry} and emits its .wasm as an asset`, async () => {
    assert.match(version, /^7\./, 'the smoke test is about Vite 7');
    await build({
      root: APP,
      configFile: false,
      logLevel: 'warn',
      resolve: { alias },
      build: { outDir: dist(), emptyOutDir: true },
    });
    const assets = await readdir(join(dist(), 'assets'));
    const emitted = assets.filter((name) => name.endsWith('.wasm'));
    assert.equal(emitted.length, 1, `expected one .wasm among the built assets: ${assets.join(', ')}`);
    const expected = await readFile(join(PKG, wasm));
    assert.ok(expected.equals(await readFile(join(dist(), 'assets', emitted[0]))), `the emitted .wasm is not ${wasm}`);
  });

  test(`the page built with ${entry} verifies tokens in Chromium`, async () => {
    const server = await serveStatic(dist());
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
        errorCodes: 16,
      });
      assert.deepEqual(browser.errors, [], 'the page logged errors');
    } finally {
      await browser.close();
      await server.close();
    }
  });
}
