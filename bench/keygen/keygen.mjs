/**
 * @module bench/keygen/keygen — key generation (issue 14): onejwt's `Key.generate` in the native addon
 * and in onejwt-wasm under Node, each against node:crypto's `generateKeyPairSync` in the same process,
 * then onejwt-wasm in headless Chromium against WebCrypto (keygen.html). Writes
 * $CARGO_TARGET_DIR/bench/keygen.json, which `make bench` turns into BENCHMARKS.md's key generation section.
 *
 * Env: ONEJWT_BENCH_QUICK=1 (one repeat per row, a smoke run).
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { CHROMIUM, openChromium } from '../../tests/js/browser/chromium.mjs';
import { serveStatic } from '../../tests/js/browser/server.mjs';
import { measure } from './measure.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const quick = process.env.ONEJWT_BENCH_QUICK === '1';
const plan = JSON.parse(readFileSync(new URL('./plan.json', import.meta.url), 'utf8'));
const now = () => performance.now();
const log = (line) => console.log(`  ${line}`);

/** node:crypto's generation of a plan row (OpenSSL). */
function nodePeer(row) {
  if (row.bits !== undefined) return generateKeyPairSync('rsa', { modulusLength: row.bits });
  if (row.alg === 'ES256') return generateKeyPairSync('ec', { namedCurve: 'P-256' });
  if (row.alg === 'ES384') return generateKeyPairSync('ec', { namedCurve: 'P-384' });
  if (row.alg === 'EdDSA') return generateKeyPairSync('ed25519');
  return randomBytes(32);
}

const runtimes = [];
for (const [runtime, path] of [
  ['node', '../../bindings-node/js/index.mjs'],
  ['wasm-node', '../../bindings-wasm/pkg/node.mjs'],
]) {
  console.log(`${runtime}: onejwt Key.generate vs node:crypto ${process.version}`);
  const lib = await import(path);
  runtimes.push({ runtime, peer: `node:crypto (OpenSSL ${process.versions.openssl})`, rows: await measure(lib, nodePeer, { plan, quick, now, log }) });
}

const server = await serveStatic(ROOT, { allow: ['bindings-wasm/pkg', 'bench/keygen'] });
const browser = await openChromium();
try {
  browser.page.on('console', (message) => {
    if (message.type() === 'log') console.log(message.text());
  });
  await browser.page.goto(`${server.url}bench/keygen/keygen.html`);
  await browser.page.waitForFunction(() => typeof window.runKeygen === 'function', null, { timeout: 30_000 });
  console.log(`wasm-browser: onejwt-wasm Key.generate vs WebCrypto (${CHROMIUM})`);
  const rows = await browser.page.evaluate(([p, q]) => window.runKeygen(p, q), [plan, quick]);
  if (browser.errors.length) throw new Error(`the page logged errors: ${browser.errors.join('; ')}`);
  runtimes.push({ runtime: 'wasm-browser', peer: 'WebCrypto (headless Chromium)', rows });
} finally {
  await browser.close();
  await server.close();
}

const dir = join(process.env.CARGO_TARGET_DIR ?? join(ROOT, 'target'), 'bench');
mkdirSync(dir, { recursive: true });
const file = join(dir, 'keygen.json');
const date = `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`;
writeFileSync(file, `${JSON.stringify({ quick, date, runtimes }, null, 2)}\n`);
console.log(`wrote ${file}`);
